package io.keel.web;

import io.keel.core.resource.flex.FlexCatalogue;
import io.keel.core.resource.flex.Specialization;
import io.keel.serialization.ContentCodec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the console shows of the flexContainer catalogue: for each specialization's root element (and its announced
 * variant's, {@code cod:binShAnnc}) its long name and the long name of each custom attribute by short name. Read-only
 * and the same for everyone: the catalogue is public (the specializations are standardized or the operator's).
 */
final class FlexNames {
    private FlexNames() {
    }

    static String json(FlexCatalogue catalogue) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Specialization s : catalogue.all()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 0; i < s.attributes().size(); i++) {
                attributes.put(s.attributes().get(i).sn(), s.longNames().get(i));
            }
            Map<String, Object> entry = Map.of("longName", s.longName(), "cnd", s.cnd(), "attributes", attributes);
            out.put(s.rootElement(), entry);
            out.put(s.rootElement() + "Annc", entry);
        }
        return ContentCodec.toJson(out);
    }
}
