// Copies the parts of GOV.UK Frontend the pages load at run time into static/dist/.
// The fonts are left behind: the service uses Arial, not GDS Transport.
import { cpSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const dist = join(root, "static", "dist");

mkdirSync(join(dist, "assets"), { recursive: true });
cpSync(join(govuk, "govuk-frontend.min.js"), join(dist, "govuk-frontend.min.js"));
cpSync(join(govuk, "assets", "images"), join(dist, "assets", "images"), { recursive: true });
