import { describe, expect, it } from '@jest/globals';
import { field, toCsv } from './csv.js';

describe('CSV fields', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
  ])('never lets %j start a formula', (text, expected) => {
    expect(field(text)).toBe(expected);
  });

  it('leaves plain text, numbers (negative ones too), null and quoting as they were', () => {
    expect(field('price')).toBe('price');
    expect(field('a-b=c')).toBe('a-b=c');
    expect(field(-12.5)).toBe('-12.5');
    expect(field(null)).toBe('');
    expect(field('price, "too high"')).toBe('"price, ""too high"""');
  });

  it('applies it to every cell of a report, list rows included', () => {
    const csv = toCsv(
      {
        report: 'win-rate',
        position: 7,
        currency: 'EUR',
        won: 0,
        lossReasons: [{ reason: '=cmd|"/c calc"!A1', count: 1, amount: -0 }],
      },
      ['report', 'position', 'currency'],
    );
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('report,position,currency,section,won,reason,count,amount');
    expect(lines[1]).toBe('win-rate,7,EUR,summary,0,,,');
    expect(lines[2]).toBe(`win-rate,7,EUR,lossReasons,,"'=cmd|""/c calc""!A1",1,0`);
  });
});
