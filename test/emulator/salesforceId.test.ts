import { caseChecksum, newSfid } from '../../src/emulator/salesforceId';

describe('emulated Salesforce ids', () => {
  test('when a 15-character id is given, then the suffix is Salesforce’s case checksum', () => {
    expect(caseChecksum('001A0000006Vm9r')).toBe('IAC');
  });

  test('when an sfid is made, then it is an 18-character Contact id with a valid checksum', () => {
    const sfid = newSfid('003', 42);

    expect(sfid).toMatch(/^003[A-Za-z0-9]{15}$/);
    expect(sfid.slice(15)).toBe(caseChecksum(sfid.slice(0, 15)));
  });

  test('when an Account id is made, then it starts with Account’s key prefix 001', () => {
    const sfid = newSfid('001', 42);

    expect(sfid).toMatch(/^001[A-Za-z0-9]{15}$/);
    expect(sfid.slice(15)).toBe(caseChecksum(sfid.slice(0, 15)));
  });

  test('when two rows get sfids, then they differ, even for the same row made twice', () => {
    expect(newSfid('003', 1)).not.toBe(newSfid('003', 2));
    expect(newSfid('003', 7)).not.toBe(newSfid('003', 7));
  });
});
