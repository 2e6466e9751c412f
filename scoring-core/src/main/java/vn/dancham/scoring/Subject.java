package vn.dancham.scoring;

/** Who or what a score is about: an officer, an office, an administrative unit (commune/district/province) or a
 * field of procedures. */
public record Subject(Type type, long id) {

    public enum Type { OFFICER, OFFICE, UNIT, FIELD }

    public Subject {
        if (type == null) {
            throw new IllegalArgumentException("A subject has a type");
        }
    }

    public static Subject officer(long id) {
        return new Subject(Type.OFFICER, id);
    }

    public static Subject office(long id) {
        return new Subject(Type.OFFICE, id);
    }

    public static Subject unit(long id) {
        return new Subject(Type.UNIT, id);
    }

    public static Subject field(long id) {
        return new Subject(Type.FIELD, id);
    }
}
