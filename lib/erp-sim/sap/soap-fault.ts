// A SOAP 1.1 fault: what SAP's SOAP runtime answers (HTTP 500) when it cannot process a message at all.
import { el, leaf, soapEnvelope } from "../../erp/sap/xml.ts";

export class SoapFault extends Error {
  constructor(message: string, readonly code = "soap-env:Client", readonly status = 500) { super(message); }
}

export function soapFaultXml(message: string, code = "soap-env:Server"): string {
  return soapEnvelope(el("soap-env:Fault", null, leaf("faultcode", code), leaf("faultstring", message, { "xml:lang": "en" }),
    el("detail", null, leaf("Text", message))));
}
