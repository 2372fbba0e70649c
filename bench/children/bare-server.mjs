/**
 * The ceiling for (c): plain node:http on the same machine answering the inbound webhook the way
 * the ingress does (read the body, parse the JSON, reply 202 with JSON), with no engine behind it.
 * Plain JavaScript run by plain node, as production runs the server (from dist/server.blob).
 */
import http from "node:http";

const server = http.createServer((req, res) => {
  /** @type {Buffer[]} */
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const status = req.url === "/api/health" ? 200 : 202;
    if (status === 202) JSON.parse(Buffer.concat(chunks).toString("utf8"));
    const json = JSON.stringify({ status: status === 202 ? "accepted" : "ok" });
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(json) });
    res.end(json);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), process.env.HOST ?? "127.0.0.1");
process.on("SIGTERM", () => server.close(() => process.exit(0)));
