/**
 * The viewer-request CloudFront Function of the static (default) behaviour (E6), as source text for
 * the `cloudfront-js-2.0` runtime. It is kept to plain ES5-style code that the runtime accepts, and
 * tested by evaluating this very text in Node.
 *
 * It runs on the static behaviour only: API paths are case-sensitive (ids in paths) and their query
 * strings matter, so they are left untouched.
 */

/** Query strings the static site may use (cache busting); everything else is dropped. */
export const DEFAULT_KEPT_QUERY_STRINGS: readonly string[] = ["v"];

export function edgeRequestFunctionSource(keptQueryStrings: readonly string[] = DEFAULT_KEPT_QUERY_STRINGS): string {
    for (const q of keptQueryStrings) {
        if (!/^[A-Za-z0-9_.-]+$/.test(q)) {
            throw new Error(`kept query string ${JSON.stringify(q)}: expected letters, digits, _ . -`);
        }
    }
    return `// Normalises requests for static assets: one slash per separator, lower-case paths, directory
// paths served by their index.html, and only the query strings the site uses (better cache hits).
var KEEP = ${JSON.stringify(keptQueryStrings)};
function handler(event) {
    var request = event.request;
    var uri = request.uri.replace(/\\/{2,}/g, "/").toLowerCase();
    if (uri.charAt(uri.length - 1) === "/") {
        uri = uri + "index.html";
    } else if (uri.split("/").pop().indexOf(".") === -1) {
        uri = uri + "/index.html";
    }
    request.uri = uri;
    var kept = {};
    for (var name in request.querystring) {
        if (KEEP.indexOf(name) !== -1) {
            kept[name] = request.querystring[name];
        }
    }
    request.querystring = kept;
    return request;
}
`;
}
