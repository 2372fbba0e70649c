import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: `file:${process.env.OMNIFLOW_DB ?? "data/omniflow.db"}` },
});
