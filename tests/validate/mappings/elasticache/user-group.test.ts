import * as assert from "assert";
import { cfnOf, planned, translate } from "../../fixtures";

describe("mapping aws.elasticache.UserGroup", () => {
    it("becomes an AWS::ElastiCache::UserGroup naming its users by reference", () => {
        const off = planned("aws:elasticache/user:User", "prod-entities-cache-default-user", { userId: "prod-entities-off", userName: "default", engine: "valkey", accessString: "off -@all", authenticationMode: { type: "no-password-required" } }, { id: "prod-entities-off" });
        const app = planned("aws:elasticache/user:User", "prod-entities-cache-app-user", { userId: "prod-entities-app", userName: "prod-entities-app", engine: "valkey", accessString: "on", authenticationMode: { type: "iam" } }, { id: "prod-entities-app" });
        const group = planned("aws:elasticache/userGroup:UserGroup", "prod-entities-cache-users", {
            userGroupId: "prod-entities-cache", engine: "valkey", userIds: ["prod-entities-off", "prod-entities-app"],
        }, { dependsOn: [off.urn, app.urn] });
        assert.deepStrictEqual(cfnOf(translate(off, app, group), "prod-entities-cache-users")[0][1], {
            Type: "AWS::ElastiCache::UserGroup",
            Properties: { UserGroupId: "prod-entities-cache", Engine: "valkey", UserIds: [{ Ref: "ProdEntitiesCacheDefaultUser" }, { Ref: "ProdEntitiesCacheAppUser" }] },
        });
    });
});
