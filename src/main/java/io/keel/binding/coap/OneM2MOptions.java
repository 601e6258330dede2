package io.keel.binding.coap;

import org.eclipse.californium.core.coap.option.IntegerOptionDefinition;
import org.eclipse.californium.core.coap.option.MapBasedOptionRegistry;
import org.eclipse.californium.core.coap.option.OptionDefinition;
import org.eclipse.californium.core.coap.option.OptionRegistry;
import org.eclipse.californium.core.coap.option.StandardOptionRegistry;
import org.eclipse.californium.core.coap.option.StringOptionDefinition;

/**
 * TS-0008 6.2.2.4, table 6.2.2.4.0-1 (V3.9.0): the oneM2M CoAP options, all critical and unsafe. The lengths Keel's
 * endpoints accept are wider than the table's, so that a value out of its range reaches the binding and is answered
 * as a oneM2M 4000 with the reason, not as a bare CoAP 4.02; EC is read as up to two bytes, because its values
 * 100-999 do not fit the one byte the table gives it.
 */
public final class OneM2MOptions {
    private static final int MAX_STRING = 1024;

    public static final StringOptionDefinition FR = string(279, "oneM2M-FR");
    public static final StringOptionDefinition RQI = string(283, "oneM2M-RQI");
    public static final StringOptionDefinition OT = string(259, "oneM2M-OT");
    public static final StringOptionDefinition RQET = string(291, "oneM2M-RQET");
    public static final StringOptionDefinition RSET = string(295, "oneM2M-RSET");
    public static final StringOptionDefinition OET = string(299, "oneM2M-OET");
    public static final StringOptionDefinition RTURI = string(263, "oneM2M-RTURI");
    public static final IntegerOptionDefinition EC = uint(303, "oneM2M-EC");
    public static final IntegerOptionDefinition RSC = uint(307, "oneM2M-RSC");
    public static final StringOptionDefinition GID = string(311, "oneM2M-GID");
    public static final IntegerOptionDefinition TY = uint(267, "oneM2M-TY");
    public static final IntegerOptionDefinition CTO = uint(319, "oneM2M-CTO");
    public static final IntegerOptionDefinition CTS = uint(323, "oneM2M-CTS");
    public static final StringOptionDefinition ATI = string(327, "oneM2M-ATI");
    public static final StringOptionDefinition RVI = string(271, "oneM2M-RVI");
    public static final StringOptionDefinition VSI = string(331, "oneM2M-VSI");
    public static final StringOptionDefinition GTM = string(335, "oneM2M-GTM");
    public static final StringOptionDefinition AUS = string(339, "oneM2M-AUS");
    public static final StringOptionDefinition ASRI = string(275, "oneM2M-ASRI");

    /** The standard CoAP options and the oneM2M ones: what Keel's CoAP endpoints parse. */
    public static final OptionRegistry REGISTRY = new MapBasedOptionRegistry(StandardOptionRegistry.getDefaultOptionRegistry(),
            FR, RQI, OT, RQET, RSET, OET, RTURI, EC, RSC, GID, TY, CTO, CTS, ATI, RVI, VSI, GTM, AUS, ASRI);

    private OneM2MOptions() {
    }

    private static StringOptionDefinition string(int number, String name) {
        return new StringOptionDefinition(number, name, true, 0, MAX_STRING);
    }

    /** uint options: up to 4 bytes are read, the binding checks the range of each. */
    private static IntegerOptionDefinition uint(int number, String name) {
        return new IntegerOptionDefinition(number, name, true, 0, 4);
    }

    /** For error messages: the option's name and number. */
    static String label(OptionDefinition option) {
        return option.getName() + " (" + option.getNumber() + ")";
    }
}
