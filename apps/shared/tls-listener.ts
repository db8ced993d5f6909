import { generateKeyPairSync, randomBytes, sign } from "crypto";
import type { FastifyInstance } from "fastify";
import * as https from "https";
import type { Closer } from "./shutdown";

/**
 * A self-signed certificate made at start, for the load balancer's hop to the task only: an ALB
 * does not validate target certificates (self-signed or expired ones are accepted; the VPC
 * authenticates the packets), so a key that never leaves the process is all the hop needs, and
 * nothing is written to the read-only root filesystem. ECDSA P-256, which both target-side ALB
 * policies (ELBSecurityPolicy-2016-08, ELBSecurityPolicy-TLS13-1-0-2021-06) negotiate. Node has no
 * certificate builder, so the few DER structures of X.509 are encoded here.
 */
export function selfSignedCertificate(commonName: string, now: Date = new Date(), serial: Buffer = randomBytes(16)): { key: string; cert: string } {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const ecdsaWithSha256 = der(0x30, oid("1.2.840.10045.4.3.2"));
    const name = der(0x30, der(0x31, der(0x30, oid("2.5.4.3"), der(0x0c, Buffer.from(commonName, "utf8")))));
    const tbs = der(0x30,
        der(0xa0, der(0x02, Buffer.from([2]))), // v3
        derPositiveInteger(serial),
        ecdsaWithSha256,
        name,
        der(0x30, utcTime(new Date(now.getTime() - 3600_000)), utcTime(new Date(now.getTime() + 365 * 86400_000))),
        name,
        publicKey.export({ type: "spki", format: "der" }),
    );
    const signature = sign("sha256", tbs, { key: privateKey, dsaEncoding: "der" });
    const cert = der(0x30, tbs, ecdsaWithSha256, der(0x03, Buffer.from([0]), signature));
    return {
        key: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
        cert: `-----BEGIN CERTIFICATE-----\n${cert.toString("base64").replace(/.{1,64}/g, "$&\n")}-----END CERTIFICATE-----\n`,
    };
}

function der(tag: number, ...parts: Buffer[]): Buffer {
    const body = Buffer.concat(parts);
    const n = body.length;
    const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
    return Buffer.concat([Buffer.from([tag]), length, body]);
}

/**
 * A serial number as DER requires it: the fewest octets, and a leading zero only where the high
 * bit would otherwise make it negative. Random bytes starting with 0x00 are not minimal, and
 * OpenSSL refuses the whole certificate ("illegal padding"): one start in 256 failed so.
 */
export function derPositiveInteger(bytes: Buffer): Buffer {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) {
        start++;
    }
    const digits = bytes.subarray(start);
    if (digits.length === 0 || (digits.length === 1 && digits[0] === 0)) {
        throw new Error("a certificate's serial number must be positive (RFC 5280 4.1.2.2)");
    }
    return der(0x02, digits[0] & 0x80 ? Buffer.concat([Buffer.from([0]), digits]) : digits);
}

function oid(dotted: string): Buffer {
    const [a, b, ...rest] = dotted.split(".").map(Number);
    const bytes = [40 * a + b];
    for (const arc of rest) {
        const groups = [arc & 0x7f];
        for (let v = arc >> 7; v > 0; v >>= 7) {
            groups.unshift((v & 0x7f) | 0x80);
        }
        bytes.push(...groups);
    }
    return der(0x06, Buffer.from(bytes));
}

/** UTCTime (YYMMDDHHMMSSZ), valid for years up to 2049. */
function utcTime(d: Date): Buffer {
    return der(0x17, Buffer.from(d.toISOString().replace(/[-:T]/g, "").slice(2, 14) + "Z", "ascii"));
}

export interface ListenerSettings {
    readonly port: number;
    readonly host: string;
    /** Also serve the app with TLS on this port (the ALB's HTTPS target groups); unset, plain HTTP only. */
    readonly tlsPort?: number;
    readonly serviceName: string;
}

/**
 * The app's listeners: plain HTTP on `port` (Service Connect's proxy and the container health
 * check reach the app there, inside the task) and, with `tlsPort`, the same routes over TLS 1.2+
 * for the load balancer. `closer` is registered before `listen` so that a signal during start-up
 * still closes what has started; it closes the TLS server (idle keep-alive connections at once,
 * busy ones after their response, which says `Connection: close` once draining) and then the app.
 */
export function appListeners(app: FastifyInstance, settings: ListenerSettings): { listen(): Promise<void>; closer: Closer; tlsServer(): https.Server | undefined } {
    let server: https.Server | undefined;
    const closeTls = () => new Promise<void>((resolve, reject) => {
        if (!server?.listening) {
            return resolve();
        }
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
    });
    return {
        async listen() {
            await app.listen({ port: settings.port, host: settings.host });
            if (settings.tlsPort !== undefined) {
                const { key, cert } = selfSignedCertificate(settings.serviceName);
                server = https.createServer({ key, cert, minVersion: "TLSv1.2", keepAliveTimeout: app.server.keepAliveTimeout }, (req, res) => app.routing(req, res));
                await new Promise<void>((resolve, reject) => {
                    server!.once("error", reject);
                    server!.listen(settings.tlsPort, settings.host, () => (server!.off("error", reject), resolve()));
                });
            }
        },
        closer: { name: "http", critical: true, close: async () => { await closeTls(); await app.close(); } },
        tlsServer: () => server,
    };
}
