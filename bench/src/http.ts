/** A fetch answer's JSON body, or an error carrying the status and the body when the answer is not OK. */
export async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return res.json() as Promise<T>;
}
