#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Pester 5 suite for machines with pwsh: ./build.ps1 -Test runs it after the xunit suites.
# The account tests need root, as setuidgid does.

BeforeAll {
    $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $root 'out/Daemontools/Daemontools.psd1') -Force
    $dir = Join-Path ([IO.Path]::GetTempPath()) ("dt-pester-" + [guid]::NewGuid())
    New-Item -ItemType Directory -Path (Join-Path $dir 'env') | Out-Null
    Set-Content -Path (Join-Path $dir 'env/DT_SET') -Value "value `t"
    Set-Content -Path (Join-Path $dir 'env/DT_GONE') -Value $null -NoNewline
}

AfterAll {
    Remove-Item -Recurse -Force $dir
}

Describe 'Get-EnvDir' {
    It 'shows values as envdir reads them and removals as null' {
        $vars = Get-EnvDir (Join-Path $dir 'env')
        ($vars | Where-Object Name -eq 'DT_SET').Value | Should -Be 'value'
        ($vars | Where-Object Name -eq 'DT_GONE').Value | Should -BeNullOrEmpty
        ($vars | Where-Object Name -eq 'DT_GONE').Removes | Should -BeTrue
    }
}

Describe 'Invoke-EnvDir' {
    It 'applies the variables to a script block and restores the session' {
        Invoke-EnvDir (Join-Path $dir 'env') { $env:DT_SET } | Should -Be 'value'
        $env:DT_SET | Should -BeNullOrEmpty
    }

    It 'runs a program with them and sets $LASTEXITCODE' {
        Invoke-EnvDir (Join-Path $dir 'env') -FilePath /bin/sh -ArgumentList '-c', 'echo $DT_SET; exit 4' | Should -Be 'value'
        $LASTEXITCODE | Should -Be 4
    }
}

Describe 'Invoke-SetUidGid' {
    It 'runs a program as the account with only its primary group' {
        if ((id -u) -ne '0') { throw 'this test switches accounts: run the suite as root' }
        Invoke-SetUidGid nobody /usr/bin/id | Should -Be 'uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)'
    }

    It 'stops with AccountNotFound for an unknown account' {
        { Invoke-SetUidGid no-such-account /usr/bin/id -ErrorAction Stop } | Should -Throw -ErrorId 'AccountNotFound,Daemontools.PowerShell.InvokeSetUidGid'
    }
}

Describe 'Invoke-SoftLimit' {
    It 'lowers the soft limits of the program only' {
        Invoke-SoftLimit -OpenFilesLimit 33 -FilePath /bin/sh -ArgumentList '-c', 'ulimit -n' | Should -Be '33'
    }
}

Describe 'Invoke-SetLock' {
    It 'holds the lock while the program runs' {
        $lock = Join-Path $dir 'lock'
        Invoke-SetLock -Path $lock -NoWait -FilePath /bin/sh -ArgumentList '-c', "/usr/bin/setlock -n '$lock' true; echo `$?" | Should -Be '111'
    }
}
