import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger, RecentLogLines } from '../../main/logging/logger';
import { maskAddress, maskIdNumber, maskName, maskPersonalText, maskPhone } from '../../common/privacy/mask';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { lines, destination };
}

const ID = '310101199003071234';

describe('masking', () => {
  it('masks ID numbers, names, addresses and phones the way the screens show them', () => {
    expect(maskIdNumber(ID)).toBe('3101**********1234');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张小三')).toBe('张*三');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskName('JOHN SMITH')).toBe('J*** S****');
    expect(maskAddress('上海市黄浦区南京东路100号')).toBe('上海市黄浦区********');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('masks ID and phone numbers inside free text, not other numbers', () => {
    expect(maskPersonalText(`card ${ID} read; call 13812345678; order 12345`)).toBe('card 3101**********1234 read; call 138****5678; order 12345');
    expect(maskPersonalText('11010519491231002X')).toBe('1101**********002X');
  });
});

describe('structured log redaction', () => {
  it('never writes a name, ID number, address or template in clear', () => {
    const { lines, destination } = capture();
    const log = createLogger({ destination });
    log.info(
      {
        identity: { name: '张小三', idNumber: ID, address: '上海市黄浦区南京东路100号', phone: '13812345678' },
        face: { template: [0.12, 0.34], subject: 'subj-1' },
        hub: { terminalSecret: 'abcdefghijklmnop' },
      },
      `card read for ${ID}`,
    );
    log.error(new Error(`lookup of ${ID} failed`));
    const out = lines.join('');
    for (const secret of [ID, '张小三', '南京东路100号', '13812345678', '0.12', 'abcdefghijklmnop']) expect(out).not.toContain(secret);
    expect(out).toContain('3101**********1234');
    expect(out).toContain('张*三');
    expect(out).toContain('[redacted]');
    expect(out).toContain('subj-1');
  });

  it('keeps recent lines, already redacted, for the technician screen', () => {
    const recent = new RecentLogLines(3);
    const log = createLogger({ recent });
    for (let i = 0; i < 5; i++) log.info({ idNumber: ID, i }, 'read');
    const lines = recent.recent();
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).not.toContain(ID);
    expect(JSON.parse(lines[2]!).i).toBe(4);
  });
});
