// Credentials a simulator generates when none are given: an RSA key pair for an M2M client (the certificate's
// public key stays in the simulator, the private key goes to the caller, as with a certificate uploaded to
// NetSuite's OAuth 2.0 Client Credentials Setup) and a TBA consumer/token pair. Fresh per start: nothing secret in git.
import crypto from "node:crypto";
import type { M2mClient, TbaCredential } from "./auth.ts";

export type NetsuiteSimCredentials = {
  accountId: string;
  m2m?: { accountId: string; clientId: string; certificateId: string; privateKey: string };
  tba?: { accountId: string } & TbaCredential;
};

export function defaultCredentials(accountId: string): { m2mClient: M2mClient; tba: TbaCredential; credentials: NetsuiteSimCredentials } {
  const { publicKey, privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const rand = (n: number) => crypto.randomBytes(n).toString("hex");
  const m2mClient = { clientId: rand(32), certificateId: rand(20), publicKey: publicKey.export({ type: "spki", format: "pem" }).toString() };
  const tba = { consumerKey: rand(32), consumerSecret: rand(32), tokenId: rand(32), tokenSecret: rand(32) };
  return {
    m2mClient, tba,
    credentials: {
      accountId,
      m2m: { accountId, clientId: m2mClient.clientId, certificateId: m2mClient.certificateId, privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString() },
      tba: { accountId, ...tba },
    },
  };
}
