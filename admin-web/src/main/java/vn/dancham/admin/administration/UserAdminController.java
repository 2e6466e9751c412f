package vn.dancham.admin.administration;

import org.springframework.context.MessageSource;
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
import vn.dancham.admin.security.Role;
import vn.dancham.admin.security.WebUser;
import vn.dancham.organisation.Organisation;

import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Users and roles: create (with a one-time password), change roles/office/enabled, unlock, reset the password. */
@Controller
class UserAdminController {

    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AppUsers users;
    private final Organisation organisation;
    private final AuditLog auditLog;
    private final MessageSource messages;

    UserAdminController(AppUsers users, Organisation organisation, AuditLog auditLog, MessageSource messages) {
        this.messages = messages;
        this.users = users;
        this.organisation = organisation;
        this.auditLog = auditLog;
    }

    @GetMapping("/admin/users")
    String list(Model model) {
        model.addAttribute("users", users.list());
        model.addAttribute("now", users.now());
        model.addAttribute("roles", Role.values());
        model.addAttribute("offices", organisation.offices());
        java.util.Map<Long, String> officerCodes = new java.util.HashMap<>();
        users.list().stream().filter(u -> u.officerId() != null).forEach(u -> organisation.officer(u.officerId())
                .ifPresent(o -> officerCodes.put(u.id(), o.code())));
        model.addAttribute("officerCodes", officerCodes);
        return "administration/users";
    }

    @PostMapping("/admin/users")
    String create(@RequestParam String username, @RequestParam String displayName,
                  @RequestParam(required = false) List<Role> roles, @RequestParam(required = false) Long officeId,
                  @RequestParam(required = false) String phone, @RequestParam(required = false) String officerCode,
                  RedirectAttributes redirect) {
        String name = username.strip().toLowerCase(java.util.Locale.ROOT);
        Set<Role> roleSet = roles == null || roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        Long officerId = officerOf(roleSet, officerCode);
        String problem = check(name, displayName, roleSet, officeId, officerId);
        if (problem == null && users.exists(name)) {
            problem = "admin.users.error.exists";
        }
        if (problem != null) {
            redirect.addFlashAttribute("error", problem);
            return "redirect:/admin/users";
        }
        String password = randomPassword();
        long id = users.create(name, displayName.strip(), password, roleSet, officeId, blankToNull(phone));
        users.linkOfficer(id, officerId);
        auditLog.record("USER_CREATED", "USER", id, name + ": " + roleNames(roleSet));
        redirect.addFlashAttribute("password", new String[]{name, password});
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{id}")
    String update(@PathVariable long id, @RequestParam String displayName,
                  @RequestParam(required = false) List<Role> roles, @RequestParam(required = false) Long officeId,
                  @RequestParam(required = false) String phone, @RequestParam(defaultValue = "false") boolean enabled,
                  @RequestParam(required = false) String officerCode,
                  @AuthenticationPrincipal WebUser me, RedirectAttributes redirect) {
        var user = users.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Set<Role> roleSet = roles == null || roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        Long officerId = officerOf(roleSet, officerCode);
        String problem = check(user.username(), displayName, roleSet, officeId, officerId);
        if (problem == null && id == me.id() && (!enabled || !roleSet.contains(Role.ADMIN))) {
            problem = "admin.users.error.self";
        }
        if (problem != null) {
            redirect.addFlashAttribute("error", problem);
            return "redirect:/admin/users";
        }
        users.update(id, displayName.strip(), roleSet, officeId, blankToNull(phone), enabled);
        users.linkOfficer(id, officerId);
        auditLog.record("USER_CHANGED", "USER", id, user.username() + ": " + roleNames(roleSet)
                + (enabled ? "" : "; tài khoản ngừng hoạt động"));
        redirect.addFlashAttribute("saved", true);
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{id}/unlock")
    String unlock(@PathVariable long id, RedirectAttributes redirect) {
        var user = users.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        users.unlock(id);
        auditLog.record("USER_UNLOCKED", "USER", id, user.username());
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

    private String check(String username, String displayName, Set<Role> roles, Long officeId, Long officerId) {
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

    /** The roles as the audit log is read, in Vietnamese ("Lãnh đạo, Cán bộ Sở Nội vụ"), not enum names. */
    private String roleNames(java.util.Collection<Role> roles) {
        return roles.isEmpty() ? "không có vai trò" : roles.stream()
                .map(r -> messages.getMessage("role." + r.name(), null, r.name(), Locale.forLanguageTag("vi")))
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
