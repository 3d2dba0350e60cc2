import type { IoHostRow, IoTimeSeries, IoVmRow } from './io-result.js';
import type { Column } from './run-files.js';

/**
 * Columns of io-hosts.csv, io-vms.csv and io-timeseries.csv (docs/io.md). Disk in MB/s, network
 * in Gbit/s; an unrated host's capacity and utilization cells are empty.
 */
export const IO_HOST_COLUMNS: Column<IoHostRow>[] = [
  { header: 'host_id', decimals: null, field: 'hostId' },
  { header: 'disk_capacity_mbps', decimals: 3, field: 'diskCapacityMBps' },
  { header: 'disk_demand_mbps_hours', decimals: 6, field: 'diskDemandMBpsHours' },
  { header: 'disk_served_mbps_hours', decimals: 6, field: 'diskServedMBpsHours' },
  { header: 'disk_unmet_mbps_hours', decimals: 6, field: 'diskUnmetMBpsHours' },
  { header: 'disk_utilization_mean', decimals: 6, field: 'diskUtilizationMean' },
  { header: 'disk_utilization_peak', decimals: 6, field: 'diskUtilizationPeak' },
  { header: 'network_capacity_gbps', decimals: 3, field: 'networkCapacityGbps' },
  { header: 'network_demand_gbps_hours', decimals: 6, field: 'networkDemandGbpsHours' },
  { header: 'network_served_gbps_hours', decimals: 6, field: 'networkServedGbpsHours' },
  { header: 'network_unmet_gbps_hours', decimals: 6, field: 'networkUnmetGbpsHours' },
  { header: 'network_utilization_mean', decimals: 6, field: 'networkUtilizationMean' },
  { header: 'network_utilization_peak', decimals: 6, field: 'networkUtilizationPeak' },
  { header: 'migration_demand_gbps_hours', decimals: 6, field: 'migrationDemandGbpsHours' },
  { header: 'cpu_demand_ratio', decimals: 6, field: 'cpuDemandRatio' },
  { header: 'disk_demand_ratio', decimals: 6, field: 'diskDemandRatio' },
  { header: 'network_demand_ratio', decimals: 6, field: 'networkDemandRatio' },
  { header: 'bottleneck', decimals: null, field: 'bottleneck' },
];

export const IO_VM_COLUMNS: Column<IoVmRow>[] = [
  { header: 'vm_id', decimals: null, field: 'vmId' },
  { header: 'disk_demand_mbps_hours', decimals: 6, field: 'diskDemandMBpsHours' },
  { header: 'disk_served_mbps_hours', decimals: 6, field: 'diskServedMBpsHours' },
  { header: 'disk_unmet_mbps_hours', decimals: 6, field: 'diskUnmetMBpsHours' },
  { header: 'network_demand_gbps_hours', decimals: 6, field: 'networkDemandGbpsHours' },
  { header: 'network_served_gbps_hours', decimals: 6, field: 'networkServedGbpsHours' },
  { header: 'network_unmet_gbps_hours', decimals: 6, field: 'networkUnmetGbpsHours' },
];

export const IO_TIMESERIES_COLUMNS: { header: string; decimals: number; field: keyof IoTimeSeries }[] = [
  { header: 'time_s', decimals: 0, field: 'startSeconds' },
  { header: 'disk_demand_mbps', decimals: 3, field: 'diskDemandMBps' },
  { header: 'disk_served_mbps', decimals: 3, field: 'diskServedMBps' },
  { header: 'disk_capacity_mbps', decimals: 3, field: 'diskCapacityMBps' },
  { header: 'network_demand_gbps', decimals: 6, field: 'networkDemandGbps' },
  { header: 'network_served_gbps', decimals: 6, field: 'networkServedGbps' },
  { header: 'network_capacity_gbps', decimals: 6, field: 'networkCapacityGbps' },
  { header: 'migration_gbps', decimals: 6, field: 'migrationGbps' },
];
