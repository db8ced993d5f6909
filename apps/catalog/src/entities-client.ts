import { dependencyUnavailable } from "../../shared/http";
import { MeshClient, UpstreamError } from "../../shared/mesh-client";

export interface EntityRef {
    readonly id: string;
    readonly name: string;
    readonly attributes: Record<string, unknown>;
}

/** The entities service, reached through the mesh at ENTITIES_URL. */
export class EntitiesClient {
    constructor(private readonly mesh: MeshClient) {}

    /**
     * The entity, or undefined when entities answers 404; a 503 HttpError (with Retry-After) when it
     * cannot answer. `fresh` asks entities to read its table instead of its cache (`Cache-Control:
     * no-cache`): what a write that depends on the entity's existence must use.
     */
    async get(id: string, requestId?: string, fresh = false): Promise<EntityRef | undefined> {
        const headers: Record<string, string> = { ...(requestId ? { "x-request-id": requestId } : {}), ...(fresh ? { "cache-control": "no-cache" } : {}) };
        try {
            const res = await this.mesh.get<EntityRef>(`/api/v1/entities/${encodeURIComponent(id)}`, headers);
            if (res.status === 404) {
                return undefined;
            }
            if (res.status !== 200 || res.body === undefined) {
                throw new UpstreamError("entities", res.attempts, `unexpected HTTP ${res.status}`);
            }
            return res.body;
        } catch (err) {
            throw err instanceof UpstreamError ? dependencyUnavailable("entities", err) : err;
        }
    }
}
