package vn.dancham.admin.security;

import org.jooq.DSLContext;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static vn.dancham.db.jooq.Tables.APP_USER;
import static vn.dancham.db.jooq.Tables.USER_ROLE;

/** The web's users and roles (tables {@code app_user}, {@code user_role}): the one place that reads and writes them. */
@Service
public class AppUsers {

    /** A user as the administration page lists it. */
    public record UserSummary(long id, String username, String displayName, String phone, Long officeId,
                              Set<Role> roles, boolean enabled, Instant lastLoginAt, Long unitId, Long officerId) {
    }

    private final DSLContext dsl;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;

    public AppUsers(DSLContext dsl, PasswordEncoder passwordEncoder) {
        this.dsl = dsl;
        this.passwordEncoder = passwordEncoder;
        this.clock = Clock.systemUTC();
    }

    public Optional<WebUser> load(String username) {
        var user = dsl.selectFrom(APP_USER).where(APP_USER.USERNAME.eq(username)).fetchOptional();
        return user.map(u -> new WebUser(u.getId(), u.getUsername(), u.getDisplayName(), u.getPasswordHash(),
                roles(u.getId()), u.getOfficeId(), u.getOfficerId(), u.getEnabled(), u.getAdminUnitId()));
    }

    public Optional<String> preferredLocale(String username) {
        return dsl.select(APP_USER.LOCALE).from(APP_USER).where(APP_USER.USERNAME.eq(username)).fetchOptional(APP_USER.LOCALE);
    }

    private Set<Role> roles(long userId) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        dsl.select(USER_ROLE.ROLE).from(USER_ROLE).where(USER_ROLE.USER_ID.eq(userId))
                .forEach(r -> roles.add(Role.valueOf(r.value1())));
        return roles;
    }

    @Transactional
    public void loginSucceeded(String username) {
        dsl.update(APP_USER)
                .set(APP_USER.LAST_LOGIN_AT, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .where(APP_USER.USERNAME.eq(username))
                .execute();
    }

    public boolean noUsers() {
        return !dsl.fetchExists(APP_USER);
    }

    public boolean exists(String username) {
        return dsl.fetchExists(APP_USER, APP_USER.USERNAME.eq(username));
    }

    /** Creates a user; the password is stored only as a {@code {bcrypt}} hash. Returns the new id. */
    @Transactional
    public long create(String username, String displayName, String rawPassword, Set<Role> roles, Long officeId,
                       String phone) {
        return create(username, displayName, rawPassword, roles, officeId, phone, null);
    }

    /** As above, with the district a leader answers for ({@code unitId}, null for the whole province). */
    @Transactional
    public long create(String username, String displayName, String rawPassword, Set<Role> roles, Long officeId,
                       String phone, Long unitId) {
        long id = dsl.insertInto(APP_USER)
                .set(APP_USER.USERNAME, username)
                .set(APP_USER.DISPLAY_NAME, displayName)
                .set(APP_USER.PASSWORD_HASH, passwordEncoder.encode(rawPassword))
                .set(APP_USER.OFFICE_ID, officeId)
                .set(APP_USER.PHONE, phone)
                .set(APP_USER.ADMIN_UNIT_ID, unitId)
                .returning(APP_USER.ID).fetchSingle().getId();
        setRoles(id, roles);
        return id;
    }

    /** Links a login to the officer whose own score it sees on {@code /toi} (null unlinks). */
    @Transactional
    public void linkOfficer(long userId, Long officerId) {
        dsl.update(APP_USER).set(APP_USER.OFFICER_ID, officerId).where(APP_USER.ID.eq(userId)).execute();
    }

    @Transactional
    public void update(long id, String displayName, Set<Role> roles, Long officeId, String phone, boolean enabled) {
        update(id, displayName, roles, officeId, phone, enabled, find(id).map(UserSummary::unitId).orElse(null));
    }

    @Transactional
    public void update(long id, String displayName, Set<Role> roles, Long officeId, String phone, boolean enabled,
                       Long unitId) {
        dsl.update(APP_USER)
                .set(APP_USER.ADMIN_UNIT_ID, unitId)
                .set(APP_USER.DISPLAY_NAME, displayName)
                .set(APP_USER.OFFICE_ID, officeId)
                .set(APP_USER.PHONE, phone)
                .set(APP_USER.ENABLED, enabled)
                .where(APP_USER.ID.eq(id)).execute();
        setRoles(id, roles);
    }

    private void setRoles(long id, Set<Role> roles) {
        dsl.deleteFrom(USER_ROLE).where(USER_ROLE.USER_ID.eq(id)).execute();
        for (Role role : roles) {
            dsl.insertInto(USER_ROLE).set(USER_ROLE.USER_ID, id).set(USER_ROLE.ROLE, role.name()).execute();
        }
    }

    @Transactional
    public void setPassword(long id, String rawPassword) {
        dsl.update(APP_USER).set(APP_USER.PASSWORD_HASH, passwordEncoder.encode(rawPassword))
                .where(APP_USER.ID.eq(id)).execute();
    }

    @Transactional
    public void setLocale(String username, String locale) {
        dsl.update(APP_USER).set(APP_USER.LOCALE, locale).where(APP_USER.USERNAME.eq(username)).execute();
    }

    public List<UserSummary> list() {
        Map<Long, Set<Role>> roles = dsl.select(USER_ROLE.USER_ID, USER_ROLE.ROLE).from(USER_ROLE).fetch().stream()
                .collect(Collectors.groupingBy(r -> r.value1(),
                        Collectors.mapping(r -> Role.valueOf(r.value2()), Collectors.toCollection(() -> EnumSet.noneOf(Role.class)))));
        return dsl.selectFrom(APP_USER).orderBy(APP_USER.USERNAME).fetch(u -> new UserSummary(u.getId(),
                u.getUsername(), u.getDisplayName(), u.getPhone(), u.getOfficeId(),
                roles.getOrDefault(u.getId(), EnumSet.noneOf(Role.class)), u.getEnabled(),
                u.getLastLoginAt() == null ? null : u.getLastLoginAt().toInstant(), u.getAdminUnitId(),
                u.getOfficerId()));
    }

    public Optional<UserSummary> find(long id) {
        return list().stream().filter(u -> u.id() == id).findFirst();
    }

    public Instant now() {
        return clock.instant();
    }
}
