package vn.dancham.admin.twilio;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The SMS reply as TwiML, from the Twilio SDK's builder: well-formed, the text exactly as given, escaping done. */
class TwimlTest {

    @Test
    void aReplyIsOneMessageWithTheTextAsGiven() throws Exception {
        String text = "Da ghi nhan <OK> & \"5 4 5\" cho ho so 2026-001";
        Document doc = parse(TwilioWebhookController.twiml(text));
        assertThat(doc.getDocumentElement().getNodeName()).isEqualTo("Response");
        assertThat(doc.getElementsByTagName("Message").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagName("Message").item(0).getTextContent()).isEqualTo(text);
    }

    @Test
    void noReplyIsAnEmptyResponse() throws Exception {
        Document doc = parse(TwilioWebhookController.twiml(null));
        assertThat(doc.getDocumentElement().getNodeName()).isEqualTo("Response");
        assertThat(doc.getElementsByTagName("Message").getLength()).isZero();
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
