import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.rds.Instance", () => {
    const inputs = {
        identifier: "dev-db", engine: "postgres", engineVersion: "16.4", instanceClass: "db.t4g.medium", allocatedStorage: 20, maxAllocatedStorage: 100,
        storageType: "gp3", storageEncrypted: true, kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        username: "app", manageMasterUserPassword: true, multiAz: false, port: 5432, dbSubnetGroupName: "dev-db", vpcSecurityGroupIds: ["sg-0123456789abcdef0"],
        parameterGroupName: "dev-postgres16", backupRetentionPeriod: 7, backupWindow: "03:00-04:00", maintenanceWindow: "sun:04:30-sun:05:30",
        deletionProtection: false, iamDatabaseAuthenticationEnabled: true, enabledCloudwatchLogsExports: ["postgresql"],
        performanceInsightsEnabled: true, publiclyAccessible: false, skipFinalSnapshot: true, finalSnapshotIdentifier: "unused",
    };

    it("becomes an AWS::RDS::DBInstance with CloudFormation's names, storage and port as strings", () => {
        assert.deepStrictEqual(translated(planned("aws:rds/instance:Instance", "dev-db", inputs)), {
            Type: "AWS::RDS::DBInstance",
            Properties: {
                DBInstanceIdentifier: "dev-db", DBInstanceClass: "db.t4g.medium", Engine: "postgres", EngineVersion: "16.4",
                MasterUsername: "app", ManageMasterUserPassword: true, AllocatedStorage: "20", MaxAllocatedStorage: 100, StorageType: "gp3",
                StorageEncrypted: true, KmsKeyId: { "Fn::Sub": "arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
                MultiAZ: false, DBSubnetGroupName: "dev-db", VPCSecurityGroups: ["sg-0123456789abcdef0"], Port: "5432", PubliclyAccessible: false,
                DBParameterGroupName: "dev-postgres16", BackupRetentionPeriod: 7, PreferredBackupWindow: "03:00-04:00", PreferredMaintenanceWindow: "sun:04:30-sun:05:30",
                DeletionProtection: false, EnableIAMDatabaseAuthentication: true, EnableCloudwatchLogsExports: ["postgresql"], EnablePerformanceInsights: true,
            },
            DeletionPolicy: "Delete",
            UpdateReplacePolicy: "Delete",
        });
    });

    it("takes a final snapshot on delete unless Pulumi is told to skip it", () => {
        assert.strictEqual(translated(planned("aws:rds/instance:Instance", "db", { ...inputs, skipFinalSnapshot: undefined })).DeletionPolicy, "Snapshot");
    });
});
