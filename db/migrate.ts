/** Applies migrations to DATABASE_PATH (the app also does this when it starts). */
import { env } from "@/lib/env";
import { openDatabase } from "./index";

const file = env().DATABASE_PATH;
openDatabase(file).sqlite.close();
console.log(`Database ready at ${file}`);
