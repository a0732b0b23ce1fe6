/** The paging fields every IAM list call shares. */
interface PagedInput {
  Marker?: string | undefined;
  MaxItems?: number | undefined;
}
interface PagedOutput {
  IsTruncated?: boolean | undefined;
  Marker?: string | undefined;
}

/**
 * Every page of an IAM list call. IAM's contract is IsTruncated: Marker is meaningful only when it
 * is true (IAM API reference, "Marker" on each List* response); the SDK's paginators follow Marker
 * alone and reuse one input object across pages. Each request here gets an input of its own.
 */
export async function* iamPages<I extends PagedInput, O extends PagedOutput>(
  send: (input: I) => Promise<O>,
  input: I,
  pageSize?: number,
): AsyncGenerator<O> {
  let marker: string | undefined;
  for (;;) {
    const page = await send({ ...input, ...(pageSize !== undefined ? { MaxItems: pageSize } : {}), ...(marker !== undefined ? { Marker: marker } : {}) });
    yield page;
    if (page.IsTruncated !== true) return;
    if (page.Marker === undefined || page.Marker === marker) throw new Error(`IAM returned IsTruncated without a new Marker (after ${marker ?? "the first page"})`);
    marker = page.Marker;
  }
}
