import { z } from 'zod';

/** Ids that appear in JSON and on the command line: stable kebab-case. */
export const kebabId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, -)');

export const PowerSpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('linear'),
    /** Power at 0% CPU load while on, W. */
    idleW: z.number().nonnegative(),
    /** Power at 100% CPU load, W. */
    maxW: z.number().positive(),
  }),
  z.strictObject({
    kind: z.literal('table'),
    /** Power at 0, 10, ..., 100% load (SPECpower_ssj2008 style), W; interpolated linearly. */
    wattsAtLoad: z.array(z.number().nonnegative()).length(11),
  }),
]);
export type PowerSpec = z.infer<typeof PowerSpecSchema>;

export const HostModelSpecSchema = z.strictObject({
  $schema: z.string().optional(),
  id: kebabId,
  name: z.string().min(1),
  cores: z.number().int().positive(),
  mhzPerCore: z.number().positive(),
  memoryMiB: z.number().positive(),
  gpus: z.number().int().nonnegative().default(0),
  /** Disk bandwidth, MB/s (read and write combined). */
  diskMBps: z.number().positive().optional(),
  /** NIC bandwidth, Gbit/s. */
  nicGbps: z.number().positive().optional(),
  power: PowerSpecSchema,
  /** Seconds from power-on to ready. */
  bootSeconds: z.number().nonnegative().default(0),
  /** Power drawn while booting, W (defaults to the power at 100% load). */
  bootPowerW: z.number().nonnegative().optional(),
  /** Purchase cost per host, USD. */
  costUsd: z.number().nonnegative().optional(),
  /** Where the figures come from: a SPECpower result, a datasheet, or "illustrative". */
  source: z.string().min(1),
});
export type HostModelSpec = z.infer<typeof HostModelSpecSchema>;

export const HypervisorSpecSchema = z.strictObject({
  $schema: z.string().optional(),
  id: kebabId,
  name: z.string().min(1),
  /** CPU the hypervisor spends per unit of guest CPU work (0.05 = 5%). */
  cpuOverheadFraction: z.number().min(0).lt(1),
  /** Memory the hypervisor reserves per VM, MiB. */
  memoryOverheadMiB: z.number().nonnegative(),
  /** Placement admits reservations up to capacity x this ratio. */
  cpuOvercommit: z.number().positive(),
  memoryOvercommit: z.number().positive(),
  /** Disk I/O the hypervisor adds per unit of guest disk I/O (0.05 = 5%); absent = none. */
  diskOverheadFraction: z.number().min(0).lt(1).optional(),
  /** Network I/O the hypervisor adds per unit of guest network I/O; absent = none. */
  networkOverheadFraction: z.number().min(0).lt(1).optional(),
  source: z.string().min(1),
});
export type HypervisorSpec = z.infer<typeof HypervisorSpecSchema>;

export const HostGroupSchema = z.strictObject({
  /** Host model id (models/hosts/<id>.json). */
  model: kebabId,
  count: z.number().int().positive(),
});

export const RackSpecSchema = z.strictObject({
  id: kebabId,
  hosts: z.array(HostGroupSchema).min(1),
  /** Lay the host groups out this many times in order (e.g. alternating two models). */
  repeat: z.number().int().positive().optional(),
  /**
   * The rack's power budget (a PDU limit), W. Placement refuses to switch on a host when the
   * peak power of the rack's powered-on hosts, with it, would exceed this (docs/facility.md).
   */
  powerBudgetW: z.number().positive().optional().describe("The rack's power budget (PDU limit), W: a host is not switched on when the peak power of the rack's powered-on hosts, with it, would exceed it."),
  /** Host slots in the rack; a rack laid out with more hosts is an error. */
  slots: z.number().int().positive().optional().describe('Host slots in the rack; laying out more hosts than this is an error.'),
});

export const ClusterSpecSchema = z.strictObject({
  id: kebabId,
  /** Hypervisor id for this cluster; defaults to the topology's. */
  hypervisor: kebabId.optional(),
  racks: z.array(RackSpecSchema).min(1),
});

export const TopologySpecSchema = z.strictObject({
  $schema: z.string().optional(),
  id: kebabId,
  name: z.string().min(1),
  hypervisor: kebabId,
  clusters: z.array(ClusterSpecSchema).min(1),
}).superRefine((topology, ctx) => {
  // Hosts are named after their rack: two racks (or clusters) with one id would merge silently.
  const clusters = new Set<string>();
  const racks = new Set<string>();
  topology.clusters.forEach((cluster, c) => {
    if (clusters.has(cluster.id)) ctx.addIssue({ code: 'custom', path: ['clusters', c, 'id'], message: `duplicate cluster id "${cluster.id}"` });
    clusters.add(cluster.id);
    cluster.racks.forEach((rack, r) => {
      if (racks.has(rack.id)) ctx.addIssue({ code: 'custom', path: ['clusters', c, 'racks', r, 'id'], message: `duplicate rack id "${rack.id}"` });
      racks.add(rack.id);
      const hosts = rack.hosts.reduce((sum, group) => sum + group.count, 0) * (rack.repeat ?? 1);
      if (rack.slots !== undefined && hosts > rack.slots) {
        ctx.addIssue({ code: 'custom', path: ['clusters', c, 'racks', r, 'slots'], message: `rack "${rack.id}" holds ${hosts} hosts but has ${rack.slots} slots` });
      }
    });
  });
});
export type TopologySpec = z.infer<typeof TopologySpecSchema>;

/** What running a workload inside a guest OS or container costs. */
export const GuestSpecSchema = z.strictObject({
  $schema: z.string().optional(),
  id: kebabId,
  name: z.string().min(1),
  /** CPU overhead per unit of workload CPU (0.03 = 3%). */
  cpuOverheadFraction: z.number().min(0).lt(1),
  /** Memory the guest OS or container runtime uses per workload, MiB. */
  memoryOverheadMiB: z.number().nonnegative(),
  bootSeconds: z.number().nonnegative(),
  source: z.string().min(1),
});
export type GuestSpec = z.infer<typeof GuestSpecSchema>;
