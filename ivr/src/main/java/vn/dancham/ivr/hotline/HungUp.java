package vn.dancham.ivr.hotline;

/** The caller hung up: an expected end of any call, raised by a {@link Caller} from whatever it was doing. */
public class HungUp extends RuntimeException {

    public HungUp() {
        super("The caller hung up", null, false, false);
    }
}
