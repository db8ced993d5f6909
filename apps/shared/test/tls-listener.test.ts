import * as assert from "assert";
import { X509Certificate } from "crypto";
import * as https from "https";
import { AddressInfo } from "net";
import { createHttpApp } from "../http";
import { createLogger } from "../logger";
import { appListeners, derPositiveInteger, selfSignedCertificate } from "../tls-listener";

function get(port: number, path: string, tls: https.RequestOptions = {}): Promise<{ status: number; body: string; protocol: string }> {
    return new Promise((resolve, reject) => {
        // The ALB does not verify target certificates; neither does this client.
        const req = https.get({ host: "127.0.0.1", port, path, rejectUnauthorized: false, agent: false, ...tls }, (res) => {
            let body = "";
            res.on("data", (c) => (body += c));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body, protocol: (res.socket as import("tls").TLSSocket).getProtocol?.() ?? "" }));
        });
        req.on("error", reject);
    });
}

describe("TLS listener for the load balancer's hop (TLS_PORT)", function () {
    this.timeout(10_000);

    it("makes a self-signed ECDSA certificate Node accepts, valid now and for a year", () => {
        const now = new Date();
        const { cert } = selfSignedCertificate("entities", now);
        const x509 = new X509Certificate(cert);
        assert.strictEqual(x509.subject, "CN=entities");
        assert.strictEqual(x509.publicKey.asymmetricKeyType, "ec");
        assert.ok(x509.verify(x509.publicKey), "signed by its own key");
        assert.ok(new Date(x509.validFrom) <= now && new Date(x509.validTo) > new Date(now.getTime() + 364 * 86400_000));
    });

    it("encodes any random serial as a minimal positive DER INTEGER, so no start fails on the draw", () => {
        const hex = (b: Buffer) => b.toString("hex");
        assert.strictEqual(hex(derPositiveInteger(Buffer.from("0001ff", "hex"))), "020201ff", "leading zero dropped");
        assert.strictEqual(hex(derPositiveInteger(Buffer.from("000080", "hex"))), "02020080", "one zero kept before a high bit");
        assert.strictEqual(hex(derPositiveInteger(Buffer.from("8001", "hex"))), "0203008001", "zero added before a high bit");
        assert.strictEqual(hex(derPositiveInteger(Buffer.from("7f", "hex"))), "02017f");
        assert.throws(() => derPositiveInteger(Buffer.alloc(16)), /serial number must be positive/);
        // The draws that made one start in 256 fail: X.509 parsing is OpenSSL's, as in https.createServer.
        for (const serial of ["00" + "11".repeat(15), "0000" + "ff".repeat(14), "ff".repeat(16), "00".repeat(15) + "01"]) {
            const x509 = new X509Certificate(selfSignedCertificate("entities", new Date(), Buffer.from(serial, "hex")).cert);
            assert.strictEqual(BigInt("0x" + x509.serialNumber), BigInt("0x" + serial), serial);
        }
    });

    it("serves the app's routes over TLS 1.2+ on the TLS port, keeps plain HTTP on the app port, and refuses TLS 1.1", async () => {
        const { app } = createHttpApp({ logger: createLogger("tls-test", "fatal") });
        const listeners = appListeners(app, { port: 0, host: "127.0.0.1", tlsPort: 0, serviceName: "tls-test" });
        try {
            await listeners.listen();
            const tlsPort = (listeners.tlsServer()!.address() as AddressInfo).port;
            const ok = await get(tlsPort, "/health");
            assert.deepStrictEqual([ok.status, JSON.parse(ok.body)], [200, { status: "ok" }]);
            assert.match(ok.protocol, /^TLSv1\.[23]$/);
            const missing = await get(tlsPort, "/nope");
            assert.strictEqual(missing.status, 404, "the app's own not-found handler, not a bare server");
            const plain = await fetch(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}/health`);
            assert.strictEqual(plain.status, 200);
            // SECLEVEL=0 lets this client offer TLS 1.1 at all (OpenSSL 3), so only the server's floor refuses it.
            await assert.rejects(get(tlsPort, "/health", { maxVersion: "TLSv1.1", minVersion: "TLSv1", ciphers: "DEFAULT@SECLEVEL=0" }), /protocol|version|alert/i);
        } finally {
            await listeners.closer.close();
        }
        assert.strictEqual(listeners.tlsServer()!.listening, false, "the closer closed the TLS server");
    });
});
