package io.callisto.bench.scenario;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the common subset of SIPp's XML scenario format (docs/load-testing.md, "SIPp XML subset"). Anything
 * outside the subset, an element or an attribute, is an error naming it: a scenario never runs with part of it
 * silently ignored. The only things accepted and not acted upon are those that change SIPp's screen and nothing
 * on the wire ({@code crlf}, {@code <ResponseTimeRepartition>}, {@code <CallLengthRepartition>}).
 */
public final class ScenarioParser {

    private static final Set<String> COMMON = Set.of("next", "chance", "start_rtd", "rtd", "crlf");
    private static final Set<String> SEND = union(COMMON, "retrans");
    private static final Set<String> RECV = union(COMMON, "response", "request", "optional", "timeout", "auth", "rrs");
    private static final Set<String> PAUSE = union(COMMON, "milliseconds");
    private static final Set<String> DISPLAY_ONLY = Set.of("ResponseTimeRepartition", "CallLengthRepartition");

    private ScenarioParser() {
    }

    /**
     * Parses a scenario document.
     *
     * @param xml          the document's bytes
     * @param fallbackName the name used when {@code <scenario>} has no {@code name} attribute
     * @throws ScenarioException on malformed XML or anything outside the supported subset
     */
    public static Scenario parse(byte[] xml, String fallbackName) {
        Document doc = document(xml);
        Element root = doc.getDocumentElement();
        if (!root.getTagName().equals("scenario")) {
            throw new ScenarioException("the root element is <" + root.getTagName() + ">, expected <scenario>");
        }
        checkAttributes(root, Set.of("name"), "<scenario>");
        String name = root.hasAttribute("name") ? root.getAttribute("name") : fallbackName;
        List<Step> steps = new ArrayList<>();
        int index = 0;
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE && n.getTextContent().isBlank()
                    || n.getNodeType() == Node.COMMENT_NODE) {
                continue;
            }
            if (n.getNodeType() != Node.ELEMENT_NODE) {
                throw new ScenarioException("unexpected text in <scenario>: " + abbreviate(n.getTextContent()));
            }
            Element e = (Element) n;
            index++;
            String where = "step " + index + " <" + e.getTagName() + ">";
            switch (e.getTagName()) {
                case "send" -> steps.add(send(e, where));
                case "recv" -> steps.add(recv(e, where));
                case "pause" -> steps.add(pause(e, where));
                case "nop" -> steps.add(new Step.Nop(common(e, COMMON, where, true)));
                case "label" -> steps.add(label(e, where));
                default -> {
                    if (!DISPLAY_ONLY.contains(e.getTagName())) {
                        throw new ScenarioException("unsupported element <" + e.getTagName() + "> (" + where
                                + "); supported: send, recv, pause, nop, label");
                    }
                }
            }
        }
        return new Scenario(name, steps);
    }

    private static Step send(Element e, String where) {
        Step.Common common = common(e, SEND, where, false);
        StringBuilder text = new StringBuilder();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            switch (n.getNodeType()) {
                case Node.CDATA_SECTION_NODE, Node.TEXT_NODE -> text.append(n.getTextContent());
                case Node.COMMENT_NODE -> { }
                default -> throw new ScenarioException("unsupported element <" + n.getNodeName() + "> inside "
                        + where + " (only the message text is supported)");
            }
        }
        int retrans = (int) number(e, "retrans", 0, where);
        try {
            return new Step.Send(Template.compile(text.toString()), retrans, common);
        } catch (ScenarioException ex) {
            throw new ScenarioException(where + ": " + ex.getMessage());
        }
    }

    private static Step recv(Element e, String where) {
        Step.Common common = common(e, RECV, where, false);
        noChildren(e, where);
        boolean hasResponse = e.hasAttribute("response");
        if (hasResponse == e.hasAttribute("request")) {
            throw new ScenarioException(where + " needs exactly one of response=\"code\" or request=\"METHOD\"");
        }
        int code = 0;
        String method = null;
        if (hasResponse) {
            code = (int) number(e, "response", 0, where);
            if (code < 100 || code > 699) {
                throw new ScenarioException(where + ": response=\"" + e.getAttribute("response")
                        + "\" is not a status code");
            }
        } else {
            method = e.getAttribute("request").trim();
            if (method.isEmpty() || !method.chars().allMatch(c -> c > ' ' && c < 127)) {
                throw new ScenarioException(where + ": request=\"" + method + "\" is not a method");
            }
        }
        boolean optional = bool(e, "optional", where);
        bool(e, "auth", where);
        bool(e, "rrs", where);
        return new Step.Recv(code, method, optional, number(e, "timeout", 0, where), common);
    }

    private static Step pause(Element e, String where) {
        Step.Common common = common(e, PAUSE, where, false);
        noChildren(e, where);
        long ms = e.hasAttribute("milliseconds") ? number(e, "milliseconds", 0, where) : -1;
        return new Step.Pause(ms, common);
    }

    private static Step label(Element e, String where) {
        checkAttributes(e, Set.of("id"), where);
        noChildren(e, where);
        String id = e.getAttribute("id").trim();
        if (id.isEmpty()) {
            throw new ScenarioException(where + " needs id=\"...\"");
        }
        return new Step.Label(id);
    }

    private static Step.Common common(Element e, Set<String> allowed, String where, boolean childless) {
        checkAttributes(e, allowed, where);
        if (childless) {
            noChildren(e, where);
        }
        String next = e.hasAttribute("next") ? e.getAttribute("next").trim() : null;
        double chance = 1;
        if (e.hasAttribute("chance")) {
            try {
                chance = Double.parseDouble(e.getAttribute("chance").trim());
            } catch (NumberFormatException ex) {
                chance = -1;
            }
            if (!(chance >= 0 && chance <= 1) || next == null) {
                throw new ScenarioException(where + ": chance=\"" + e.getAttribute("chance")
                        + "\" needs a value from 0 to 1 and a next=\"label\"");
            }
        }
        return new Step.Common(next, chance, timer(e, "start_rtd"), timer(e, "rtd"));
    }

    private static String timer(Element e, String attribute) {
        if (!e.hasAttribute(attribute)) {
            return null;
        }
        String v = e.getAttribute(attribute).trim();
        return v.equalsIgnoreCase("true") ? "1" : v.equalsIgnoreCase("false") || v.isEmpty() ? null : v;
    }

    private static void checkAttributes(Element e, Set<String> allowed, String where) {
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            String a = attrs.item(i).getNodeName();
            if (!allowed.contains(a)) {
                throw new ScenarioException("unsupported attribute " + a + "=\"" + attrs.item(i).getNodeValue()
                        + "\" on " + where + "; supported here: " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    private static void noChildren(Element e, String where) {
        NodeList kids = e.getChildNodes();
        for (int i = 0; i < kids.getLength(); i++) {
            Node n = kids.item(i);
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                throw new ScenarioException("unsupported element <" + n.getNodeName() + "> inside " + where);
            }
            if (n.getNodeType() != Node.COMMENT_NODE && !n.getTextContent().isBlank()) {
                throw new ScenarioException("unexpected text inside " + where + ": " + abbreviate(n.getTextContent()));
            }
        }
    }

    private static boolean bool(Element e, String attribute, String where) {
        if (!e.hasAttribute(attribute)) {
            return false;
        }
        String v = e.getAttribute(attribute).trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ScenarioException(where + ": " + attribute + "=\"" + v + "\" must be true or false");
        };
    }

    private static long number(Element e, String attribute, long absent, String where) {
        if (!e.hasAttribute(attribute)) {
            return absent;
        }
        String v = e.getAttribute(attribute).trim();
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException ex) {
            throw new ScenarioException(where + ": " + attribute + "=\"" + v + "\" is not a non-negative integer");
        }
    }

    private static Document document(byte[] xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setCoalescing(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new DefaultHandler() {
                @Override
                public void error(org.xml.sax.SAXParseException ex) throws SAXException {
                    throw ex;
                }
            });
            return b.parse(new ByteArrayInputStream(xml));
        } catch (org.xml.sax.SAXParseException e) {
            throw new ScenarioException("malformed XML at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + e.getMessage());
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new ScenarioException("malformed XML: " + e.getMessage());
        }
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() > 40 ? t.substring(0, 40) + "..." : t;
    }

    private static Set<String> union(Set<String> base, String... more) {
        java.util.HashSet<String> s = new java.util.HashSet<>(base);
        s.addAll(List.of(more));
        return Set.copyOf(s);
    }

    /** Parses a scenario given as text (tests, generated built-ins). */
    public static Scenario parse(String xml, String fallbackName) {
        return parse(xml.getBytes(StandardCharsets.UTF_8), fallbackName);
    }
}
