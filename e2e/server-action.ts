import type { APIRequestContext, Request } from "@playwright/test";

/**
 * Server actions are public POST endpoints. Tests capture the browser's own action request and
 * replay it from another context (no session, or a viewer's) to prove the server refuses it.
 */
export function replayServerAction(request: APIRequestContext, path: string, captured: Request, body = captured.postData() ?? "") {
  return request.post(path, {
    headers: {
      "next-action": captured.headers()["next-action"],
      "content-type": captured.headers()["content-type"] ?? "text/plain;charset=UTF-8",
      accept: "text/x-component",
    },
    data: body,
  });
}
