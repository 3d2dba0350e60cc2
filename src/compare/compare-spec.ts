import { z } from 'zod';
import { kebabId } from '../model/specs.js';
import { ElasticSpecSchema, RolloutSpecSchema, ScenarioSpecSchema } from '../scenario/scenario-spec.js';
import { SCENARIO_FAMILIES } from './compare-result.js';
import { ScalingAxisSchema, ServicesSpecSchema } from '../scenario/services-spec.js';

/** The host model consolidated scenarios run on unless a spec or `--host-model` names another. */
export const DEFAULT_COMPARE_HOST_MODEL = 'dell-poweredge-r740';

/** Servers needed cover at least 99% of the time: one short spike does not buy a server. */
export const DEFAULT_SERVERS_SHARE = 0.99;
/** A round figure near the 2024 US average commercial electricity price (EIA: about $0.13/kWh); set your own. */
export const DEFAULT_ENERGY_PRICE_USD_PER_KWH = 0.12;
/** Uptime Institute Global Data Center Survey 2023: average annual PUE 1.58. */
export const DEFAULT_PUE = 1.58;
/**
 * Time to bring a dedicated server's workload back on other hardware after its server fails:
 * an assumption (docs/compare.md, "Rollouts, blast radius and upgrades"): a 4-hour on-site
 * hardware response, the common premium support tier, covering a spare racked, an automated OS
 * install and the application restored.
 */
export const DEFAULT_PHYSICAL_REPROVISION_SECONDS = 4 * 3600;

/**
 * One scenario of a comparison: a family with its defaults (see compare-variants.ts), or a
 * variant of one (`virtual-minimal`: the virtual family with another guest footprint).
 */
export const CompareVariantSpecSchema = z
  .strictObject({
    /** `physical`, `virtual`, `elastic`, `containers`, or a variant prefixed by its family (`virtual-minimal`). */
    id: kebabId,
    family: z.enum(SCENARIO_FAMILIES),
    /** Short name for tables and sentences; defaults from the family. */
    label: z.string().min(1).optional(),
    /** What this scenario assumes; generated from its settings when absent. */
    description: z.string().min(1).optional(),
    /** physical only: the host models a dedicated server is chosen from (default: every catalog host). */
    candidateModels: z.array(kebabId).min(1).optional(),
    /** Consolidated families only: the host model of the pool (default: the spec's hostModel). */
    hostModel: kebabId.optional(),
    /** Consolidated families only: hypervisor id (default: kvm, or container-runtime for containers). */
    hypervisor: kebabId.optional(),
    /** Consolidated families only: guest footprint id (models/guests/). */
    guest: kebabId.optional(),
    /** elastic only: min/max/burst settings over the defaults of sharing-rules.ts. */
    elastic: ElasticSpecSchema.optional(),
    /** Consolidated families only: dynamic consolidation, as in a scenario file; such a variant is not expanded by `policies`. */
    consolidation: ScenarioSpecSchema.shape.consolidation,
  })
  .superRefine((variant, ctx) => {
    const { id, family } = variant;
    if (id !== family && !id.startsWith(`${family}-`)) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: `must be "${family}" or start with "${family}-" (a variant carries its family as a prefix)` });
    }
    const misplaced: [keyof typeof variant, boolean][] = [
      ['candidateModels', family !== 'physical'],
      ['hostModel', family === 'physical'],
      ['hypervisor', family === 'physical'],
      ['guest', family === 'physical'],
      ['elastic', family !== 'elastic'],
      ['consolidation', family === 'physical'],
    ];
    for (const [key, wrong] of misplaced) {
      if (wrong && variant[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `does not apply to the ${family} family` });
    }
  });
export type CompareVariantSpec = z.output<typeof CompareVariantSpecSchema>;

const DEFAULT_VARIANTS: CompareVariantSpec[] = SCENARIO_FAMILIES.map((family) => ({ id: family, family }));

/** A comparison file (models/scenarios/compare-*.json). Paths are relative to the file. */
export const CompareSpecSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: kebabId,
    description: z.string().optional(),
    seed: z.number().int().nonnegative().default(1),
    trace: z.strictObject({
      path: z.string().min(1),
      /** Reader id; detected from the content when absent. */
      format: z.string().optional(),
      /** Reader options (see docs/trace-formats.md). */
      options: z.record(z.string(), z.unknown()).optional(),
    }),
    /** Host model of the consolidated pools. */
    hostModel: kebabId.default(DEFAULT_COMPARE_HOST_MODEL),
    /**
     * A topology file (rackplan's or OpenDC's, relative to this file, or a built-in name) whose
     * host models join the catalog; the pools then run on its first host model unless
     * `--host-model` names another. What an OpenDC file maps and does not is in the report.
     */
    topology: z
      .string()
      .min(1)
      .describe("Topology file (rackplan's or OpenDC's; relative to this file, or a built-in name) whose host models join the catalog; the pools run on its first host model unless --host-model names another")
      .optional(),
    /**
     * Model of the physical baseline's dedicated servers: absent = the pools' hostModel, so a
     * saving is consolidation and not a hardware refresh; `smallest-fit` = for each workload the
     * smallest catalog model it fits (old hardware included).
     */
    physicalModel: z.union([kebabId, z.literal('smallest-fit')]).optional(),
    /** "Servers needed": the most hosts on for at least this share of the time (0.5..1; 1 = the peak). */
    serversShare: z.number().min(0.5).max(1).default(DEFAULT_SERVERS_SHARE),
    /** Energy price, USD per kWh of facility energy. */
    energyPriceUsdPerKWh: z.number().nonnegative().default(DEFAULT_ENERGY_PRICE_USD_PER_KWH),
    /** Power usage effectiveness: facility energy / IT energy (>= 1). */
    pue: z.number().min(1).max(5).default(DEFAULT_PUE),
    placement: z
      .strictObject({
        policy: z.string().default('best-fit'),
        /** VMs that start within this many seconds of the trace start are placed as one batch at t = 0. */
        initialBatchSeconds: z.number().nonnegative().default(300),
      })
      .prefault({}),
    /** Length of one point of the over-time series. */
    reportIntervalSeconds: z.number().positive().default(300),
    /** Simulated time; defaults to the end of the trace. */
    durationSeconds: z.number().positive().optional(),
    /** In display order; `physical` is the baseline the others are measured against. */
    scenarios: z.array(CompareVariantSpecSchema).min(1).default(DEFAULT_VARIANTS),
    /**
     * The consolidation-policy axis: each consolidated scenario without its own `consolidation`
     * runs once per policy, `none` (as it is) or `<detector>-<selection>-<safety>` (`lr-mmt-1.2`,
     * id `virtual-lr-mmt-1.2`). Absent: every scenario runs once, as it is.
     */
    policies: z.array(z.string().min(1)).min(1).optional(),
    /** Plug-in modules (docs/extending.md), relative to the spec file. */
    plugins: z.array(z.string().min(1)).optional(),
    /** Carbon next to energy for every scenario (docs/facility.md); the comparison's `pue` applies. */
    carbon: z
      .strictObject({
        intensity: z.string().min(1).describe('A CSV timestamp,gco2_per_kwh (relative to this file) or a built-in name such as illustrative-grid (models/carbon/).'),
        startAt: z
          .union([z.string().min(1), z.number()])
          .optional()
          .describe("The run's t = 0 on the intensity file's clock: ISO-8601 UTC or Unix epoch seconds; default the trace's own clock, else the file's first row."),
      })
      .optional()
      .describe('Carbon for every scenario: IT energy x the comparison\'s pue x the intensity, interval by interval.'),
    /** The scaling axis: one more scenario per rule, after the others (`services-fixed`, ...). */
    scaling: ScalingAxisSchema.optional(),
    /** Services and the settings of each scaling rule (services-spec.ts). */
    services: ServicesSpecSchema.describe('Services (groups of VMs) and the settings of each scaling rule; used by the scaling axis'),
    /** Blast radius: every scenario under the same host failures; restart times from each scenario's guest model. */
    failures: z
      .strictObject({
        model: z.string().min(1).optional().describe('failure model file (models/failures/), relative to the compare spec'),
        trace: z.string().min(1).optional().describe('failure trace CSV (host_or_domain,start,end), relative to the compare spec'),
      })
      .refine((f) => f.model !== undefined || f.trace !== undefined, { message: 'give a failure model, a failure trace or both' })
      .optional()
      .describe("host failures every scenario runs under; each restarts its VMs after detection plus its guest model's bootSeconds"),
    ha: z
      .strictObject({
        detectionSeconds: z.number().nonnegative().default(60).describe('time to notice a failed host before restarting its workloads elsewhere'),
        restartLimit: z.number().int().nonnegative().default(3).describe('restarts allowed per workload'),
      })
      .prefault({})
      .describe('how workloads of a failed host come back (the boot time is not here: it comes from each scenario\'s guest model)'),
    physicalReprovisionSeconds: z
      .number()
      .nonnegative()
      .default(DEFAULT_PHYSICAL_REPROVISION_SECONDS)
      .describe('physical scenarios: time to bring a failed server\'s workload back on other hardware (default 4 h, an assumption: docs/compare.md)'),
    /**
     * Every scenario under the same rollout schedule: new instances boot for the scenario's
     * guest bootSeconds; dedicated servers have no spare to boot on, so physical scenarios patch
     * in place whatever the mode.
     */
    rollout: RolloutSpecSchema.optional().describe('a rollout schedule every scenario runs under (new instances boot for the scenario\'s guest model bootSeconds; physical patches in place)'),
  })
  .superRefine((spec, ctx) => {
    if (spec.rollout?.bootSeconds !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['rollout', 'bootSeconds'], message: "not used by a comparison: each scenario's new instances boot for its own guest model's bootSeconds" });
    }
    const seen = new Set<string>();
    spec.scenarios.forEach((variant, i) => {
      if (seen.has(variant.id)) ctx.addIssue({ code: 'custom', path: ['scenarios', i, 'id'], message: `duplicate scenario id "${variant.id}"` });
      seen.add(variant.id);
    });
    spec.scaling?.forEach((rule, i) => {
      if (spec.scaling!.indexOf(rule) !== i) ctx.addIssue({ code: 'custom', path: ['scaling', i], message: `scaling rule "${rule}" is given twice` });
    });
  });
export type CompareSpec = z.output<typeof CompareSpecSchema>;
