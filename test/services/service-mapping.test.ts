import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/common/input-error.js';
import { ownServices, parseServiceMapping, readMappingRows } from '../../src/services/service-mapping.js';
import { tinyWorkload } from '../helpers/tiny-world.js';

const trace = tinyWorkload([
  { id: 'a', cpuCapacityMhz: 1000, samples: [[0, 100]], endSeconds: 600 },
  { id: 'b', cpuCapacityMhz: 1000, samples: [[0, 100]], endSeconds: 600 },
  { id: 'c', cpuCapacityMhz: 1000, samples: [[0, 100]], endSeconds: 600 },
]);

function errorOf(text: string): InputError {
  try {
    parseServiceMapping(text, 'svc.csv', trace);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('service mapping', () => {
  it('groups VMs by service in the order of their first member; unlisted VMs are their own service', () => {
    const m = parseServiceMapping('# comment\nvm_id,service\r\nc,web\n\na,db\n', 'svc.csv', trace);
    // a -> db (first, VM 0), b unlisted -> "b", c -> web.
    expect(m.ids).toEqual(['db', 'b', 'web']);
    expect(Array.from(m.serviceOf)).toEqual([0, 1, 2]);
    expect(m.unlistedVms).toBe(1);
    const same = parseServiceMapping('vm_id,service\na,web\nc,web\nb,web\n', 'svc.csv', trace);
    expect(same.ids).toEqual(['web']);
    expect(Array.from(same.serviceOf)).toEqual([0, 0, 0]);
  });

  it('without a mapping makes every VM its own service', () => {
    const m = ownServices(trace);
    expect(m.ids).toEqual(['a', 'b', 'c']);
    expect(m.file).toBeNull();
  });

  it('names the file, line and field of an unknown VM id, a duplicate, a bad name or header', () => {
    expect(errorOf('vm_id,service\na,web\nzz,web\n').message).toBe('svc.csv:3: vm_id: unknown VM id "zz" (not in the trace)');
    expect(errorOf('vm_id,service\na,web\nb,web\na,db\n').message).toBe('svc.csv:4: vm_id: VM "a" is listed twice (first on line 2)');
    expect(errorOf('vm_id,service\na,web app\n').message).toContain('svc.csv:2: service: bad service name "web app"');
    expect(errorOf('vm,svc\na,web\n').message).toBe('svc.csv:1: header: expected the header "vm_id,service", found "vm,svc"');
    expect(errorOf('vm_id,service\na,web,x\n').message).toBe('svc.csv:2: expected 2 fields (vm_id,service), found 3');
    expect(errorOf('').message).toBe('svc.csv:1: empty mapping: expected the header "vm_id,service"');
    // Control characters are escaped, not printed.
    expect(errorOf('vm_id,service\n\u001b[31m,web\n').message).not.toContain('\u001b');
  });

  it('checks a mapping\'s shape without a trace (what validate does)', () => {
    expect(readMappingRows('vm_id,service\nx,web\ny,db\n', 'svc.csv')).toEqual([
      { vmId: 'x', service: 'web', line: 2 },
      { vmId: 'y', service: 'db', line: 3 },
    ]);
    expect(() => readMappingRows('vm_id,service\nx,web\nx,db\n', 'svc.csv')).toThrow('svc.csv:3: vm_id: VM "x" is listed twice');
  });
});
