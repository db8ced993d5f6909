/**
 * Faults for the application tests and the soak script: a TCP proxy on loopback in front of a real
 * server (redis-server, PostgreSQL) that can freeze (the server stops answering, exactly what a
 * client sees from a `kill -STOP`ped process: connections are accepted, nothing comes back), thaw,
 * and cut every connection (a killed connection, a failover). The servers themselves come from
 * servers.ts; this file only stands between them and the service under test.
 */
import * as net from "net";

export interface FaultProxy {
    readonly host: string;
    readonly port: number;
    /** Stops forwarding in both directions, on open and new connections, until thaw(). */
    freeze(): void;
    thaw(): void;
    /** Destroys every open connection (both sides); new ones are accepted as usual. */
    cutConnections(): void;
    /** Until accept(): every new connection is closed at once (a server that is down); open ones are cut. */
    refuse(): void;
    accept(): void;
    /** Connections accepted so far. */
    readonly accepted: number;
    stop(): Promise<void>;
}

export async function faultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
    let frozen = false;
    let refusing = false;
    let accepted = 0;
    const pairs = new Set<[net.Socket, net.Socket]>();
    const server = net.createServer((client) => {
        accepted++;
        if (refusing) {
            client.destroy();
            return;
        }
        const upstream = net.connect(target.port, target.host);
        const pair: [net.Socket, net.Socket] = [client, upstream];
        pairs.add(pair);
        const forward = (from: net.Socket, to: net.Socket) => from.on("data", (chunk) => to.write(chunk));
        forward(client, upstream);
        forward(upstream, client);
        const close = () => {
            pairs.delete(pair);
            client.destroy();
            upstream.destroy();
        };
        for (const s of pair) {
            s.on("error", close);
            s.on("close", close);
            if (frozen) {
                s.pause();
            }
        }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    const each = (fn: (s: net.Socket) => void) => pairs.forEach((pair) => pair.forEach(fn));
    return {
        host: "127.0.0.1",
        port: (server.address() as net.AddressInfo).port,
        freeze: () => {
            frozen = true;
            each((s) => s.pause());
        },
        thaw: () => {
            frozen = false;
            each((s) => s.resume());
        },
        cutConnections: () => each((s) => s.destroy()),
        refuse: () => {
            refusing = true;
            each((s) => s.destroy());
        },
        accept: () => void (refusing = false),
        get accepted() {
            return accepted;
        },
        stop: () => new Promise<void>((resolve) => {
            each((s) => s.destroy());
            server.close(() => resolve());
        }),
    };
}
