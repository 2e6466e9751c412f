package vn.dancham.admin.security;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A signed-in web user: who they are, their roles and, for an office head, the one office whose data they see.
 * Controllers take it with {@code @AuthenticationPrincipal}.
 */
public final class WebUser implements UserDetails, CredentialsContainer {

    private final long id;
    private final String username;
    private final String displayName;
    private String passwordHash;
    private final Set<Role> roles;
    private final Long officeId;
    private final Long officerId;
    private final boolean enabled;
    private final Long unitId;

    public WebUser(long id, String username, String displayName, String passwordHash, Set<Role> roles,
                   Long officeId, Long officerId, boolean enabled, Long unitId) {
        this.unitId = unitId;
        this.id = id;
        this.username = username;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        this.officeId = officeId;
        this.officerId = officerId;
        this.enabled = enabled;
    }

    public long id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public Set<Role> roles() {
        return EnumSet.copyOf(roles.isEmpty() ? EnumSet.noneOf(Role.class) : roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Role... wanted) {
        for (Role role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /** The office an office head is limited to; null for everyone else. */
    public Long officeId() {
        return officeId;
    }

    /** The officer whose own score this user sees on {@code /toi} (role OFFICER); null for everyone else. */
    public Long officerId() {
        return officerId;
    }

    /**
     * True when this user sees only one office's data: an office head without any province-wide role.
     */
    public boolean limitedToOffice() {
        return roles.contains(Role.OFFICE_HEAD) && !hasAny(Role.ADMIN, Role.HR, Role.LEADER, Role.COMPLAINT_HANDLER);
    }

    /** The administrative unit (a district) a leader answers for; null for the whole province. */
    public Long unitId() {
        return unitId;
    }

    /** True for a leader who acts on one district only (see {@link LeaderScope}); administrators act everywhere. */
    public boolean leaderOfOneArea() {
        return roles.contains(Role.LEADER) && unitId != null && !roles.contains(Role.ADMIN);
    }

    /** May this user see data of the given office? */
    public boolean maySeeOffice(Long office) {
        return !limitedToOffice() || (officeId != null && officeId.equals(office));
    }

    /** Caller numbers are personal data: only those who must call back or act on a report see them whole. */
    public boolean seesCallerNumbers() {
        return hasAny(Role.COMPLAINT_HANDLER, Role.LEADER, Role.ADMIN);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return roles.stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    /** Never locked: wrong passwords slow the next try down instead ({@link LoginThrottle}). */
    @Override
    public boolean isAccountNonLocked() {
        return true;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    public List<String> roleNames() {
        return roles.stream().map(Enum::name).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebUser other && other.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "WebUser[" + username + " " + roles + "]";
    }
}
