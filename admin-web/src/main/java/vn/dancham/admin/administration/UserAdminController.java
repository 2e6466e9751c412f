package vn.dancham.admin.administration;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.dancham.admin.audit.AuditLog;
import vn.dancham.admin.security.AppUsers;
import vn.dancham.admin.security.LoginThrottle;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.security.WebUser;
import vn.dancham.organisation.Organisation;
import vn.dancham.text.StoredText;

import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Users and roles: create (with a one-time password), change roles/office/enabled, reset the password; the clients
 * and usernames whose login tries are being slowed, and clearing them.
 */
@Controller
class UserAdminController {

    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AppUsers users;
    private final LoginThrottle throttle;
    private final Organisation organisation;
    private final AuditLog auditLog;

    UserAdminController(AppUsers users, LoginThrottle throttle, Organisation organisation, AuditLog auditLog) {
        this.throttle = throttle;
        this.users = users;
        this.organisation = organisation;
        this.auditLog = auditLog;
    }

    /** What was typed into the new-user form, shown again when it is refused so nothing has to be typed twice. */
    record NewUserForm(String username, String displayName, String phone, Long officeId, Long unitId, Set<Role> roles,
                       String officerCode) {
        static final NewUserForm EMPTY = new NewUserForm("", "", "", null, null, EnumSet.noneOf(Role.class), "");

        public boolean has(Role role) {
            return roles.contains(role);
        }
    }

    @GetMapping("/admin/users")
    String list(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", NewUserForm.EMPTY);
        }
        model.addAttribute("users", users.list());
        model.addAttribute("units", organisation.units().stream()
                .filter(u -> u.level() != vn.dancham.organisation.AdminUnit.Level.COMMUNE).toList());
        var slowed = throttle.slowed();
        model.addAttribute("slowed", slowed);
        model.addAttribute("slowedAccounts", slowed.stream().filter(s -> s.kind() == LoginThrottle.Kind.ACCOUNT)
                .map(LoginThrottle.Slowed::key).collect(java.util.stream.Collectors.toSet()));
        model.addAttribute("roles", Role.values());
        model.addAttribute("offices", organisation.offices());
        java.util.Map<Long, String> officerCodes = new java.util.HashMap<>();
        users.list().stream().filter(u -> u.officerId() != null).forEach(u -> organisation.officer(u.officerId())
                .ifPresent(o -> officerCodes.put(u.id(), o.code())));
        model.addAttribute("officerCodes", officerCodes);
        return "administration/users";
    }

    @PostMapping("/admin/users")
    String create(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String displayName,
                  @RequestParam(required = false) List<Role> roles, @RequestParam(required = false) Long officeId,
                  @RequestParam(required = false) Long unitId,
                  @RequestParam(required = false) String phone, @RequestParam(required = false) String officerCode,
                  Model model, RedirectAttributes redirect) {
        String name = username.strip().toLowerCase(java.util.Locale.ROOT);
        Set<Role> roleSet = roles == null || roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        Long officerId = officerOf(roleSet, officerCode);
        String problem = check(name, displayName, roleSet, officeId, unitId, phone, officerId);
        if (problem == null && users.exists(name)) {
            problem = "admin.users.error.exists";
        }
        if (problem != null) {
            // The page again with what was typed (a redirect would lose it), and the reason.
            model.addAttribute("error", problem);
            model.addAttribute("form", new NewUserForm(username, displayName, phone == null ? "" : phone, officeId,
                    unitId, roleSet, officerCode == null ? "" : officerCode));
            return list(model);
        }
        String password = randomPassword();
        long id = users.create(name, displayName.strip(), password, roleSet, officeId, blankToNull(phone), unitId);
        users.linkOfficer(id, officerId);
        auditLog.recordText("USER_CREATED", "USER", id, StoredText.of("audit.text.user", name, roleNames(roleSet)));
        redirect.addFlashAttribute("password", new String[]{name, password});
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{id}")
    String update(@PathVariable long id, @RequestParam String displayName,
                  @RequestParam(required = false) List<Role> roles, @RequestParam(required = false) Long officeId,
                  @RequestParam(required = false) Long unitId,
                  @RequestParam(required = false) String phone, @RequestParam(defaultValue = "false") boolean enabled,
                  @RequestParam(required = false) String officerCode,
                  @AuthenticationPrincipal WebUser me, RedirectAttributes redirect) {
        var user = users.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Set<Role> roleSet = roles == null || roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        Long officerId = officerOf(roleSet, officerCode);
        String problem = check(user.username(), displayName, roleSet, officeId, unitId, phone, officerId);
        if (problem == null && id == me.id() && (!enabled || !roleSet.contains(Role.ADMIN))) {
            problem = "admin.users.error.self";
        }
        if (problem != null) {
            redirect.addFlashAttribute("error", problem);
            return "redirect:/admin/users";
        }
        users.update(id, displayName.strip(), roleSet, officeId, blankToNull(phone), enabled, unitId);
        users.linkOfficer(id, officerId);
        auditLog.recordText("USER_CHANGED", "USER", id, StoredText.of(enabled ? "audit.text.user" : "audit.text.user.disabled",
                user.username(), roleNames(roleSet)));
        redirect.addFlashAttribute("saved", true);
        return "redirect:/admin/users";
    }

    /** Lets this user's name be tried again at once from any browser (audited as LOGIN_THROTTLE_CLEARED). */
    @PostMapping("/admin/users/{id}/unlock")
    String unlock(@PathVariable long id, RedirectAttributes redirect) {
        var user = users.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        throttle.clear(LoginThrottle.Kind.ACCOUNT, user.username());
        redirect.addFlashAttribute("saved", true);
        return "redirect:/admin/users";
    }

    /** Lets a client address or a typed username (which may belong to no user) be tried again at once. */
    @PostMapping("/admin/login-throttle/clear")
    String clearThrottle(@RequestParam LoginThrottle.Kind kind, @RequestParam String key, RedirectAttributes redirect) {
        throttle.clear(kind, key);
        redirect.addFlashAttribute("saved", true);
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{id}/password")
    String resetPassword(@PathVariable long id, RedirectAttributes redirect) {
        var user = users.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        String password = randomPassword();
        users.setPassword(id, password);
        auditLog.record("USER_PASSWORD_RESET", "USER", id, user.username());
        redirect.addFlashAttribute("password", new String[]{user.username(), password});
        return "redirect:/admin/users";
    }

    /** The officer an OFFICER login sees (by the officer's code); null for other roles, so a link never lingers. */
    private Long officerOf(Set<Role> roles, String officerCode) {
        if (!roles.contains(Role.OFFICER) || officerCode == null || officerCode.isBlank()) {
            return null;
        }
        return organisation.officerByCode(officerCode.strip()).map(o -> o.id()).orElse(null);
    }

    private String check(String username, String displayName, Set<Role> roles, Long officeId, Long unitId,
                         String phone, Long officerId) {
        if (!username.matches("[a-z0-9._-]{2,64}")) {
            return "admin.users.error.username";
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
            return "admin.users.error.name";
        }
        if (roles.contains(Role.OFFICE_HEAD) && (officeId == null || organisation.office(officeId).isEmpty())) {
            return "admin.users.error.office";
        }
        if (roles.contains(Role.OFFICER) && officerId == null) {
            return "admin.users.error.officer";
        }
        if (unitId != null && organisation.unit(unitId).isEmpty()) {
            return "admin.users.error.unit";
        }
        // The number SMS are sent to: the same rule as the duty roster's, so a typo is caught here, not at 2 a.m.
        if (phone != null && !phone.isBlank() && vn.dancham.phone.PhoneNumbers.toE164(phone).isEmpty()) {
            return "admin.users.error.phone";
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String randomPassword() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** The roles as the audit page words them in the reader's language ("Lãnh đạo; Cán bộ Sở Nội vụ"). */
    private static StoredText roleNames(java.util.Collection<Role> roles) {
        return roles.isEmpty() ? StoredText.of("audit.text.noRole")
                : StoredText.of("audit.text.roles", roles.stream().map(r -> StoredText.word("role", r)).toList());
    }
}
