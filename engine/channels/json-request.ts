import { isJsonBodyError, parseJsonBody } from "../contracts/json-body";
import { ChannelRequestError, type RawRequest } from "./channel";

/**
 * The JSON body of a POST, for channels whose provider posts JSON: refuses another method (405),
 * another media type (415; parameters such as charset are fine) and a body that is not UTF-8 JSON
 * nested within the limit (400, contracts/json-body.ts).
 */
export function jsonBody(request: RawRequest): unknown {
  if (request.method !== "POST") throw new ChannelRequestError(405, "method_not_allowed", "Use POST.");
  const type = (request.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json") throw new ChannelRequestError(415, "unsupported_media_type", "Send Content-Type: application/json.");
  try {
    return parseJsonBody(request.body);
  } catch (error) {
    if (isJsonBodyError(error)) throw new ChannelRequestError(400, error.code, error.message);
    throw error;
  }
}
