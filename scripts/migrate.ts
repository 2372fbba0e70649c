// `npm run migrate`: applies pending SQL migrations to OMNIFLOW_DB (default data/omniflow.db).
// The server does this on start too; this is for operators who migrate before deploying.
import Database from "better-sqlite3";
import { createPrivately, defaultDbFile } from "../engine/store/db";
import { migrate } from "../engine/store/migrate";

const file = defaultDbFile();
createPrivately(file);
const db = new Database(file);
const { applied } = migrate(db);
db.close();
console.log(applied.length ? `Applied ${applied.join(", ")} to ${file}` : `${file} is up to date`);
