import { describe, expect, it } from 'vitest';
import { NSW_PARTY, NswXmlError, buildMessageXml, buildReceiveRequest, buildReceiveResponse, parseMessageXml, parseSoap, parseXmlSafely } from './protocol.js';

const limits = { maxBytes: 64 * 1024, maxDepth: 16 };
const message = {
  messageId: 'm-1', from: NSW_PARTY, to: { ...NSW_PARTY, Identity: 'BNNMT' },
  subject: { DocumentType: 'BNNMT0100081', Type: '10', Function: '01', Reference: 'NSW-1', SendDate: '2026-12-04 09:00:00' },
  content: { DocumentNo: 'NSW-1', Enterprise: { Name: 'Công ty A & B <Việt Nam>' }, FormData: '{"a":"]]>"}', Attachments: { Attachment: [{ FileName: 'a.pdf', Content: 'JVBERi0=' }] } },
};

describe('NSW protocol', () => {
  it('round-trips a message through the SOAP request and answer, CDATA and escaping included', () => {
    const soap = buildReceiveRequest({ officeCode: 'BNNMT', documentType: 'BNNMT0100081', messageXml: buildMessageXml(message) });
    const request = parseSoap(soap, limits);
    expect(request).toMatchObject({ officeCode: 'BNNMT', documentType: 'BNNMT0100081' });
    const read = parseMessageXml(request.data, limits);
    expect(read.subject).toMatchObject({ Type: '10', Function: '01', Reference: 'NSW-1' });
    expect(read.from).toEqual(NSW_PARTY);
    expect(read.content).toMatchObject({ Enterprise: { Name: 'Công ty A & B <Việt Nam>' }, FormData: '{"a":"]]>"}' });
    const answer = parseSoap(buildReceiveResponse(buildMessageXml(message)), limits);
    expect(parseMessageXml(answer.data, limits).messageId).toBe('m-1');
  });

  it('refuses DOCTYPE and entity declarations (XXE, billion laughs), depth and size beyond the limits', () => {
    const cases: [string, string][] = [
      ['<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>', 'doctype'],
      ['<!DOCTYPE l [<!ENTITY l "lol"><!ENTITY l2 "&l;&l;&l;&l;&l;&l;&l;&l;&l;&l;">]><a>&l2;</a>', 'doctype'],
      ['<a><![CDATA[<!ENTITY x SYSTEM "http://127.0.0.1/">]]></a>', 'doctype'],
      [`${'<a>'.repeat(40)}${'</a>'.repeat(40)}`, 'too_deep'],
      [`<a>${'x'.repeat(70 * 1024)}</a>`, 'too_large'],
      ['<a><b></a>', 'malformed'],
    ];
    for (const [xml, problem] of cases) {
      expect(() => parseXmlSafely(xml, limits), problem).toThrow(NswXmlError);
      try {
        parseXmlSafely(xml, limits);
      } catch (e) {
        expect((e as NswXmlError).problem).toBe(problem);
      }
    }
  });
});
