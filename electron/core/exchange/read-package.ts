import { verify, createPublicKey, sign, type KeyObject } from 'node:crypto';
import type { z } from 'zod';
import { findNonPlainText, maxPackageBytes, maxPackageDepth, parseUntrustedJson } from '../../contract/index.ts';
import { canonicalJson } from '../audit/canonical-json.ts';
import { DomainError } from '../domain-error.ts';
import { cannotImport, notJson, notThisContent, placeInWords, type FileKind } from './file-refusal.ts';
import { fingerprintOf } from './workspace-identity.ts';

/**
 * Reads a package file that came from outside: size cap, then a parse that refuses
 * prototype-polluting keys and depth, then the strict schema (unknown keys refused), then the
 * plain-text rule on every string. Each refusal has its own code; a file of the wrong kind is
 * refused in words (file-refusal.ts).
 */
export function readUntrustedPackage<S extends z.ZodType>(text: string, schema: S, kind: FileKind): z.output<S> {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxPackageBytes) {
    throw new DomainError('PAYLOAD_TOO_LARGE', `This file is ${(bytes / 1048576).toFixed(1)} MB; Vigil's exchange files are limited to 50 MB.`, { size: bytes });
  }
  let data: unknown;
  try {
    // Depth, prototype keys and repeated keys are refused while the text is scanned, before
    // JSON.parse builds anything: a depth bomb costs one linear pass and no stack.
    data = parseUntrustedJson(text, { maxDepth: maxPackageDepth });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/is not allowed$/.test(message)) throw new DomainError('PACKAGE_UNSAFE', `This file is refused: ${message}.`);
    // A repeated key is read one way by one program and another way by the next (JSON.parse keeps the last).
    if (/appears twice in one object$/.test(message)) throw new DomainError('PACKAGE_UNSAFE', `This file is refused: ${message}, so it could be read in two ways. Nothing was written.`);
    throw notJson(kind, text, message);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw notThisContent(kind, data, parsed.error);
  // The one rule for text from outside (plain-text.ts), on every string the file carries.
  const unsafe = findNonPlainText(parsed.data);
  if (unsafe) {
    throw cannotImport(kind, [`${placeInWords(unsafe.path, parsed.data, kind)} ${unsafe.problem.message}`], 'Nothing was written; ask the sender for a file without it.');
  }
  return parsed.data;
}

const withoutSignature = (pkg: { signature: string }) => {
  const { signature: _signature, ...body } = pkg;
  return body;
};

/** Ed25519 over the canonical JSON of everything but the signature. */
export function signPackage<B extends object>(body: B, privateKey: KeyObject): B & { signature: string } {
  const signature = sign(null, Buffer.from(canonicalJson(body)), privateKey).toString('base64');
  return { ...body, signature };
}

/** Checks a package's signature against the public key it names; refuses with SIGNATURE_INVALID. */
export function verifyPackage(pkg: { signature: string }, publicKeyBase64: string, what: string): void {
  const refuse = (why: string) => new DomainError('SIGNATURE_INVALID', `The ${what}'s signature is not valid: ${why}. It was altered or not signed by the key it names.`);
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(publicKeyBase64, 'base64'), format: 'der', type: 'spki' });
  } catch {
    throw refuse('its public key cannot be read');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw refuse('its public key is not an Ed25519 key');
  const signature = Buffer.from(pkg.signature, 'base64');
  if (signature.length !== 64) throw refuse('the signature has the wrong length');
  let good: boolean;
  try {
    good = verify(null, Buffer.from(canonicalJson(withoutSignature(pkg))), key, signature);
  } catch {
    good = false;
  }
  if (!good) throw refuse(`it does not match key ${fingerprintOf(publicKeyBase64)}`);
}
