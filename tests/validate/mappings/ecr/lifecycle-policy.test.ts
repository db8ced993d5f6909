import * as assert from "assert";
import { cfnOf, planned, translate } from "../../fixtures";

describe("mapping aws.ecr.LifecyclePolicy", () => {
    it("sets the LifecyclePolicy of the repository it names", () => {
        const repo = planned("aws:ecr/repository:Repository", "repo", {}, { id: "dev-entities-repo-1a2b3c4" });
        const text = JSON.stringify({ rules: [{ rulePriority: 1, selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7 }, action: { type: "expire" } }] });
        const policy = planned("aws:ecr/lifecyclePolicy:LifecyclePolicy", "repo-lifecycle", { repository: repo.id, policy: text }, { dependsOn: [repo.urn] });
        assert.deepStrictEqual(cfnOf(translate(repo, policy), "repo")[0][1].Properties, { LifecyclePolicy: { LifecyclePolicyText: text } });
    });
});
