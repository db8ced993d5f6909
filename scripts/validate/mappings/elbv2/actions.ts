import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { Props } from "../../mapping";
import { pascalCaseKeys } from "../../values";

type Action = pulumi.Unwrap<aws.types.input.lb.ListenerDefaultAction>;

const EXTRA_PARAMS = new Set(["authenticationRequestExtraParams"]);

/**
 * A listener's default action or a rule's action. The authentication blocks use the same names
 * in both, PascalCased; only the session timeout differs: a string on listeners, a number on rules.
 */
export function actionProperties(a: Action, sessionTimeout: "string" | "number"): Props {
    const authenticate = (config: object | undefined) => {
        const props = pascalCaseKeys(config, EXTRA_PARAMS) as Record<string, unknown> | undefined;
        return props && { ...props, SessionTimeout: props.SessionTimeout === undefined || sessionTimeout === "number" ? props.SessionTimeout : String(props.SessionTimeout) };
    };
    return {
        Type: a.type,
        Order: a.order,
        TargetGroupArn: a.targetGroupArn,
        ForwardConfig: a.forward && {
            TargetGroups: a.forward.targetGroups?.map((t) => ({ TargetGroupArn: t.arn, Weight: t.weight })),
            TargetGroupStickinessConfig: a.forward.stickiness && { DurationSeconds: a.forward.stickiness.duration, Enabled: a.forward.stickiness.enabled },
        },
        FixedResponseConfig: pascalCaseKeys(a.fixedResponse),
        RedirectConfig: pascalCaseKeys(a.redirect),
        AuthenticateCognitoConfig: authenticate(a.authenticateCognito),
        AuthenticateOidcConfig: authenticate(a.authenticateOidc),
        JwtValidationConfig: pascalCaseKeys(a.jwtValidation),
    };
}
