import { pathToFileURL } from "node:url";

/** `import.meta.url` in the server's CommonJS bundle (scripts/build-server.ts): the bundle's own file. */
export const importMetaUrl = pathToFileURL(__filename).href;
