import type { AthenaClient } from "@aws-sdk/client-athena";
import { ATHENA_MAX_ATTEMPTS } from "./athena-client.js";
import { resultFileError } from "./athena-errors.js";

/** The bytes of a query's result file, as they arrive. */
export type ResultFileReader = (location: string) => AsyncIterable<Uint8Array>;

/**
 * Reads result files from S3 with the Athena client's region and credentials (profile, assumed
 * role, environment alike): Athena writes results only to a bucket in its own region. The S3 SDK is
 * imported on the first read, so commands that never read a large result do not load it (the SDK
 * clients are most of tighten's start-up time). The endpoint is the SDK's own choice, so
 * AWS_ENDPOINT_URL_S3 points it elsewhere as for the other clients.
 */
export function s3ResultFiles(athena: AthenaClient, prefix: string): ResultFileReader {
  return async function* read(location: string): AsyncIterable<Uint8Array> {
    const { bucket, key } = s3Object(location);
    const { S3Client, GetObjectCommand } = await import("@aws-sdk/client-s3");
    const s3 = new S3Client({
      region: athena.config.region,
      credentials: athena.config.credentials,
      retryMode: "standard",
      maxAttempts: ATHENA_MAX_ATTEMPTS,
    });
    try {
      const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const body = answer.Body as AsyncIterable<Uint8Array> | undefined;
      if (body === undefined) return;
      for await (const chunk of body) yield chunk;
    } catch (error) {
      throw resultFileError(error, location, prefix);
    } finally {
      s3.destroy();
    }
  };
}

/** s3://bucket/key -> its parts; Athena reports result locations in this form (ResultConfiguration.OutputLocation). */
export function s3Object(location: string): { readonly bucket: string; readonly key: string } {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(location);
  if (match === null) throw new Error(`Athena reported the result location ${location}, which is not s3://BUCKET/KEY`);
  return { bucket: match[1]!, key: match[2]! };
}
