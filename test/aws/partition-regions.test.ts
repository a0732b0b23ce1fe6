import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { KNOWN_PARTITIONS, regionsOfPartition } from "../../src/aws/partition-regions.js";

/** The SDK's own partition data, which the table is copied from. */
async function sdkPartitions(): Promise<{ id: string; regions: Record<string, unknown> }[]> {
  const core = path.dirname(createRequire(import.meta.url).resolve("@aws-sdk/core/package.json"));
  const module = (await import(pathToFileURL(path.join(core, "dist-es/submodules/client/util-endpoints/lib/aws/partitions.js")).href)) as {
    partitionsInfo: { partitions: { id: string; regions: Record<string, unknown> }[] };
  };
  return module.partitionsInfo.partitions;
}

describe("regionsOfPartition", () => {
  it("lists exactly the regions the SDK knows in each partition tighten has a list for", async () => {
    for (const partition of await sdkPartitions()) {
      if (!KNOWN_PARTITIONS.includes(partition.id)) continue;
      const sdk = Object.keys(partition.regions).filter((region) => !region.endsWith("-global")).sort();
      expect(regionsOfPartition(partition.id), partition.id).toEqual(sdk);
    }
  });

  it("has no list for the isolated partitions (their trails need --regions)", () => {
    expect(regionsOfPartition("aws-iso")).toBeUndefined();
  });
});
