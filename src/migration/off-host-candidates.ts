/**
 * The switched-off hosts a best-fit search has to look at. Two switched-off hosts that are alike
 * in everything the search reads (limits, reservations, load, power curve) score alike for every
 * VM, and best fit keeps the first of equals, so of the untouched hosts of one kind only the
 * first can ever be chosen. The search looks at that one per kind and at every host touched
 * this round (one that received a VM, which now differs from its kind), in the original order:
 * a PlanetLab round has ~500 switched-off hosts of two kinds, so a search reads a handful.
 */
export class OffHostCandidates {
  private hosts: readonly number[] = [];
  private built = false;
  /** Per host: its kind while untouched and in the list given to reset, else -1. */
  private kindOf = new Int32Array(0);
  /** Per host: its position in the list given to reset. */
  private rank = new Int32Array(0);
  private touched = new Uint8Array(0);
  /** Per kind: its hosts in order, and the position of the first untouched one. */
  private members: number[][] = [];
  private next: number[] = [];
  /** The hosts to look at, in the original order. */
  private readonly list: number[] = [];

  /** Starts a round over `hosts`, none touched yet (their order is the order of the search). */
  reset(hosts: readonly number[], hostCount: number): void {
    if (this.kindOf.length !== hostCount) {
      this.kindOf = new Int32Array(hostCount);
      this.rank = new Int32Array(hostCount);
      this.touched = new Uint8Array(hostCount);
    }
    for (const host of hosts) this.touched[host] = 0;
    this.hosts = hosts;
    this.built = false;
  }

  /** The hosts to look at; `alike` tells whether two untouched hosts score alike for any VM. */
  candidates(alike: (a: number, b: number) => boolean): readonly number[] {
    if (!this.built) this.build(alike);
    return this.list;
  }

  /** A host received a VM (or lost one): from now on it is looked at on its own. */
  touch(host: number): void {
    if (this.touched[host]) return;
    this.touched[host] = 1;
    if (!this.built) return;
    const kind = this.kindOf[host]!;
    if (kind < 0) return;
    this.kindOf[host] = -1;
    const members = this.members[kind]!;
    if (members[this.next[kind]!] !== host) {
      // Not its kind's first untouched host, so not in the list yet.
      this.insert(host);
      return;
    }
    let k = this.next[kind]! + 1;
    while (k < members.length && this.touched[members[k]!]) k++;
    this.next[kind] = k;
    if (k < members.length) this.insert(members[k]!);
  }

  private build(alike: (a: number, b: number) => boolean): void {
    this.members = [];
    this.next = [];
    this.list.length = 0;
    for (let i = 0; i < this.hosts.length; i++) {
      const host = this.hosts[i]!;
      this.rank[host] = i;
      this.kindOf[host] = -1;
      if (this.touched[host]) {
        this.list.push(host);
        continue;
      }
      let kind = 0;
      while (kind < this.members.length && !alike(this.members[kind]![0]!, host)) kind++;
      this.kindOf[host] = kind;
      if (kind === this.members.length) {
        this.members.push([host]);
        this.next.push(0);
        this.list.push(host);
      } else {
        this.members[kind]!.push(host);
      }
    }
    this.built = true;
  }

  private insert(host: number): void {
    const rank = this.rank[host]!;
    let at = this.list.length;
    while (at > 0 && this.rank[this.list[at - 1]!]! > rank) at--;
    this.list.splice(at, 0, host);
  }
}
