/** The WSDL of the `receiveRequest` service, published at GET /api/v1/nsw/receiveRequest?wsdl. */
import { NSW_SERVICE_NS } from '../../../common/nsw/protocol.js';

export function nswWsdl(endpointUrl: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions name="OpenDvcNswService" targetNamespace="${NSW_SERVICE_NS}"
  xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tns="${NSW_SERVICE_NS}">
  <wsdl:documentation>Hệ thống xử lý chuyên ngành của Bộ — tiếp nhận thông điệp từ Cổng thông tin một cửa quốc gia. The data element carries the message envelope (Header: Reference, From, To, Subject {DocumentType, Type, Function, Reference, PreReference, SendDate}; Body: Content) as XML in CDATA. Type 10 Function 01: application; answered with Function 99 (received) or 00 (errors).</wsdl:documentation>
  <wsdl:types>
    <xsd:schema targetNamespace="${NSW_SERVICE_NS}" elementFormDefault="unqualified">
      <xsd:element name="receiveRequest">
        <xsd:complexType>
          <xsd:sequence>
            <xsd:element name="officeCode" type="xsd:string"/>
            <xsd:element name="documentType" type="xsd:string"/>
            <xsd:element name="data" type="xsd:string"/>
          </xsd:sequence>
        </xsd:complexType>
      </xsd:element>
      <xsd:element name="receiveRequestResponse">
        <xsd:complexType>
          <xsd:sequence>
            <xsd:element name="return" type="xsd:string"/>
          </xsd:sequence>
        </xsd:complexType>
      </xsd:element>
    </xsd:schema>
  </wsdl:types>
  <wsdl:message name="receiveRequestInput"><wsdl:part name="parameters" element="tns:receiveRequest"/></wsdl:message>
  <wsdl:message name="receiveRequestOutput"><wsdl:part name="parameters" element="tns:receiveRequestResponse"/></wsdl:message>
  <wsdl:portType name="NswReceivePortType">
    <wsdl:operation name="receiveRequest">
      <wsdl:input message="tns:receiveRequestInput"/>
      <wsdl:output message="tns:receiveRequestOutput"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="NswReceiveBinding" type="tns:NswReceivePortType">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="receiveRequest">
      <soap:operation soapAction="receiveRequest"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="NswReceiveService">
    <wsdl:port name="NswReceivePort" binding="tns:NswReceiveBinding">
      <soap:address location="${endpointUrl}"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`;
}
