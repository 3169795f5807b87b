import { createHash, generateKeyPairSync } from 'node:crypto';
import { responseFormat, type RequestPackage, type ResponseAnswer, type ResponseBody } from '../../contract/index.ts';
import { signPackage } from '../exchange/read-package.ts';
import { publicKeyOf } from '../exchange/workspace-identity.ts';

/**
 * The demo's vendor, answering a request the way a vendor's own Vigil would: a response bound
 * to the request's nonce, signed with the vendor's key (made here, as a vendor's first run would).
 */
export function demoVendorResponse(request: RequestPackage, vendorName: string, respondedAt: string, answers: ResponseAnswer[], evidence: { questionId: string; fileName: string; text: string } | null): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  const bytes = evidence ? Buffer.from(evidence.text, 'utf8') : null;
  const body: ResponseBody = {
    format: responseFormat,
    version: 1,
    requestId: request.requestId,
    nonce: request.nonce,
    respondedAt,
    vendor: { name: vendorName, publicKey: publicKeyOf(privateKey) },
    answers,
    evidence:
      evidence && bytes
        ? [
            {
              questionId: evidence.questionId,
              fileName: evidence.fileName,
              mediaType: 'text/plain',
              size: bytes.length,
              sha256: createHash('sha256').update(bytes).digest('hex'),
              dataBase64: bytes.toString('base64'),
            },
          ]
        : [],
  };
  return JSON.stringify(signPackage(body, privateKey));
}
