import * as assert from "assert";
import { cfnOf, planned, translate } from "../../fixtures";

describe("mapping aws.elasticache.User", () => {
    it("becomes an AWS::ElastiCache::User with IAM authentication and no password", () => {
        const user = planned("aws:elasticache/user:User", "prod-entities-cache-app-user", {
            userId: "prod-entities-app", userName: "prod-entities-app", engine: "valkey", accessString: "on ~* -@all +@read", authenticationMode: { type: "iam" },
        }, { id: "prod-entities-app" });
        assert.deepStrictEqual(cfnOf(translate(user), "prod-entities-cache-app-user")[0][1], {
            Type: "AWS::ElastiCache::User",
            Properties: { UserId: "prod-entities-app", UserName: "prod-entities-app", Engine: "valkey", AccessString: "on ~* -@all +@read", AuthenticationMode: { Type: "iam" } },
        });
    });
});
