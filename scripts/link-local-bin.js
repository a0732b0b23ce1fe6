// npm links the bins of dependencies into node_modules/.bin, never the project's own; without this
// link `npx tighten` in a fresh checkout looks for a package of that name in the registry instead.
import { mkdirSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const binDir = path.join(root, "node_modules", ".bin");
const link = path.join(binDir, "tighten");
mkdirSync(binDir, { recursive: true });
rmSync(link, { force: true });
symlinkSync(path.relative(binDir, path.join(root, "bin", "tighten.js")), link);
