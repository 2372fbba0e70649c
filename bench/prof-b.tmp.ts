import { engineIntake } from "./figures/engine-intake";
const r = await engineIntake(8000, 100, 10000);
console.log(r.rows.map((x) => `${x.figure}: ${x.value}`).join("\n"));
