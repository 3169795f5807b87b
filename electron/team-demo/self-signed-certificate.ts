import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

export interface SelfSignedCertificate {
  /** PEM. */
  cert: string;
  /** PEM (PKCS#8). */
  key: string;
  /** SHA-256 of the certificate, `AB:CD:…`: what a browser's certificate viewer and Vigil's desktop pin show. */
  fingerprint: string;
}

/**
 * A certificate for a server on this computer only (localhost, 127.0.0.1, ::1), signed by its
 * own key: the team demo's HTTPS. Browsers warn about it, as they should; the fingerprint printed
 * beside the address is how a person checks it is this one.
 */
export async function selfSignedCertificate(days = 30): Promise<SelfSignedCertificate> {
  const now = new Date();
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + days * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  return { cert: pems.cert, key: pems.private, fingerprint: new X509Certificate(pems.cert).fingerprint256 };
}
