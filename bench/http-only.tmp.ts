import { httpFigure } from "./figures/http";
import { textTable } from "./lib/report";
import os from "node:os";
console.log("load", os.loadavg());
const rows = await httpFigure(10);
console.log(textTable(rows));
console.log("load", os.loadavg());
