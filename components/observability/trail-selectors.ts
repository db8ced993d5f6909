/**
 * CloudTrail advanced event selectors: management events always; data events (S3 object and
 * Lambda invoke activity, billed per event) only when asked. The trail's own bucket and its
 * access-log bucket are left out of S3 data events, or every log delivery would log itself (a trail
 * write logs an access, whose delivery would be a data event, written by the trail again).
 */
export interface EventSelector {
    readonly name: string;
    readonly fieldSelectors: { field: string; equals?: string[]; notStartsWiths?: string[] }[];
}

export function trailEventSelectors(dataEvents: boolean, ...excludedBucketArns: string[]): EventSelector[] {
    const management: EventSelector = { name: "Management events", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] };
    if (!dataEvents) {
        return [management];
    }
    return [
        management,
        {
            name: "S3 object events",
            fieldSelectors: [
                { field: "eventCategory", equals: ["Data"] },
                { field: "resources.type", equals: ["AWS::S3::Object"] },
                { field: "resources.ARN", notStartsWiths: excludedBucketArns.map((arn) => `${arn}/`) },
            ],
        },
        {
            name: "Lambda invocations",
            fieldSelectors: [
                { field: "eventCategory", equals: ["Data"] },
                { field: "resources.type", equals: ["AWS::Lambda::Function"] },
            ],
        },
    ];
}
