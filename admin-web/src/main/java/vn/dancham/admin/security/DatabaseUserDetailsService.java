package vn.dancham.admin.security;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Form login against {@code app_user}; the lock-out state comes with the user. */
@Component
class DatabaseUserDetailsService implements UserDetailsService {

    private final AppUsers users;

    DatabaseUserDetailsService(AppUsers users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return users.load(username.trim().toLowerCase())
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }
}
