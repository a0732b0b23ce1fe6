/** The paging fields every ECS list call shares. */
interface PagedInput {
  nextToken?: string | undefined;
  maxResults?: number | undefined;
}
interface PagedOutput {
  nextToken?: string | undefined;
}

/**
 * Every page of an ECS list call: a page with a nextToken has more after it (ECS API reference,
 * "nextToken" on each List* call). Each request gets an input of its own, as in iamPages; a token
 * that comes back unchanged would loop forever, so it is an error.
 */
export async function* ecsPages<I extends PagedInput, O extends PagedOutput>(send: (input: I) => Promise<O>, input: I, pageSize?: number): AsyncGenerator<O> {
  let token: string | undefined;
  for (;;) {
    const page = await send({ ...input, ...(pageSize !== undefined ? { maxResults: pageSize } : {}), ...(token !== undefined ? { nextToken: token } : {}) });
    yield page;
    if (page.nextToken === undefined || page.nextToken === "") return;
    if (page.nextToken === token) throw new Error(`ECS returned the same nextToken twice (${token})`);
    token = page.nextToken;
  }
}
