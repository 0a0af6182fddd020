/**
 * Duplicate groups from duplicate pairs: union–find, strongest pairs first,
 * with cannot-links. A pair that would join two groups one of whose members
 * is known to be distinct from a member of the other (a person said
 * "different", or a rule did: an erratum and its article, two different DOIs)
 * is not merged; it is returned as contested so a person can look at it.
 * This stops chains of near matches (A≈B≈C) from gluing distinct records
 * together through a middle one.
 */
export interface Edge {
  i: number;
  j: number;
  score: number;
}

export class UnionFind {
  readonly parent: Int32Array;
  private readonly size: Int32Array;
  /** root → indexes known to be distinct from some member of the root's group. */
  private readonly cannot = new Map<number, Set<number>>();

  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r];
    while (this.parent[i] !== r) {
      const next = this.parent[i];
      this.parent[i] = r;
      i = next;
    }
    return r;
  }

  addCannotLink(i: number, j: number): void {
    const ri = this.find(i);
    const rj = this.find(j);
    if (!this.cannot.has(ri)) this.cannot.set(ri, new Set());
    if (!this.cannot.has(rj)) this.cannot.set(rj, new Set());
    this.cannot.get(ri)!.add(j);
    this.cannot.get(rj)!.add(i);
  }

  /** Whether i's and j's groups may be merged. */
  canUnion(i: number, j: number): boolean {
    const ri = this.find(i);
    const rj = this.find(j);
    if (ri === rj) return true;
    const [small, other] = (this.cannot.get(ri)?.size ?? 0) <= (this.cannot.get(rj)?.size ?? 0) ? [ri, rj] : [rj, ri];
    for (const x of this.cannot.get(small) ?? []) if (this.find(x) === other) return false;
    return true;
  }

  /** Merge i's and j's groups (no check; see canUnion). */
  union(i: number, j: number): void {
    let ri = this.find(i);
    let rj = this.find(j);
    if (ri === rj) return;
    if (this.size[ri] < this.size[rj]) [ri, rj] = [rj, ri];
    this.parent[rj] = ri;
    this.size[ri] += this.size[rj];
    const cj = this.cannot.get(rj);
    if (cj) {
      const ci = this.cannot.get(ri);
      if (ci) for (const x of cj) ci.add(x);
      else this.cannot.set(ri, cj);
      this.cannot.delete(rj);
    }
  }
}

export interface ClusterResult {
  uf: UnionFind;
  /** Duplicate pairs not merged because their groups hold a known-distinct pair. */
  contested: Edge[];
}

/**
 * Group `n` records. `mustLink` pairs (people's "same" decisions, existing
 * groups) are joined first, then `edges` strongest first.
 */
export function cluster(n: number, edges: Edge[], cannotLinks: Array<[number, number]>, mustLink: Array<[number, number]> = []): ClusterResult {
  const uf = new UnionFind(n);
  for (const [i, j] of cannotLinks) uf.addCannotLink(i, j);
  for (const [i, j] of mustLink) uf.union(i, j);
  const contested: Edge[] = [];
  const sorted = [...edges].sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j);
  for (const e of sorted) {
    if (uf.canUnion(e.i, e.j)) uf.union(e.i, e.j);
    else contested.push(e);
  }
  return { uf, contested };
}
