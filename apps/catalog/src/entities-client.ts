import { HttpError } from "../../shared/http";
import { MeshClient, UpstreamError } from "../../shared/mesh-client";

export interface EntityRef {
    readonly id: string;
    readonly name: string;
    readonly attributes: Record<string, unknown>;
}

/** The entities service, reached through the mesh at ENTITIES_URL. */
export class EntitiesClient {
    constructor(private readonly mesh: MeshClient) {}

    /** The entity, or undefined when entities answers 404; a 503 HttpError when it cannot answer. */
    async get(id: string, requestId?: string): Promise<EntityRef | undefined> {
        try {
            const res = await this.mesh.get<EntityRef>(`/api/v1/entities/${encodeURIComponent(id)}`, requestId ? { "x-request-id": requestId } : {});
            if (res.status === 404) {
                return undefined;
            }
            if (res.status !== 200 || res.body === undefined) {
                throw new UpstreamError("entities", res.attempts, `unexpected HTTP ${res.status}`);
            }
            return res.body;
        } catch (err) {
            if (err instanceof UpstreamError) {
                throw new HttpError(503, "dependency_unavailable", err.message);
            }
            throw err;
        }
    }
}
